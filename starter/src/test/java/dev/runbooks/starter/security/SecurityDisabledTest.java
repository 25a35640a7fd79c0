package dev.runbooks.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runbooks.starter.security.internal.SecurityChains;
import dev.runbooks.starter.testing.ApiTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code runbook.security.enabled=false}: everyone is an anonymous admin, a warning is logged at
 * start-up and every page shows a banner; the web hardening (JSON bodies) stays.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.test.catalog-dir=src/test/resources/runbooks",
      "runbook.security.enabled=false"
    })
class SecurityDisabledTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  static {
    // Attached before the application starts, which logs the warning.
    LOG.start();
    ((Logger) LoggerFactory.getLogger(SecurityChains.class)).addAppender(LOG);
  }

  @LocalServerPort int port;

  @Test
  void everyoneIsAnAnonymousAdminAndThePageSaysSo() throws Exception {
    HttpResponse<String> started = post("application/json");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    assertThat(post("text/plain").statusCode()).isEqualTo(415);
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/ui")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("security is disabled");
  }

  @Test
  void aWarningWasLoggedAtStartUp() {
    assertThat(LOG.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("runbook.security.enabled=false");
            });
  }

  private HttpResponse<String> post(String type) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + "/api/runbooks/gated/runs"))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
