package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.testing.TestCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Secure by default: a webhook source with no authentication settings refuses every request, with a
 * message that says what to configure, and stores nothing.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = "runbook.intake.dispatcher.enabled=false")
@AutoConfigureMockMvc
class UnconfiguredSourceTest {
  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  @Autowired InboxStore inbox;

  @Test
  void anUnconfiguredSourceIsRefusedUntilAuthenticationIsConfigured() throws Exception {
    long before = inbox.count();
    for (String path : new String[] {"/webhooks/alertmanager", "/webhooks/grafana"}) {
      String payload =
          WebhookIntakeTest.fixture(
              path.endsWith("grafana") ? "grafana-v1.json" : "alertmanager-v4.json");
      MvcResult result =
          mvc.perform(
                  TestCredentials.api(
                      WebhookIntakeTest.webhook(path, payload).header("Authorization", "Bearer x")))
              .andReturn();
      assertThat(result.getResponse().getStatus()).isEqualTo(401);
      Map<String, Object> body =
          json.readValue(
              result.getResponse().getContentAsString(),
              new TypeReference<Map<String, Object>>() {});
      String source = path.substring("/webhooks/".length());
      assertThat(body)
          .containsEntry("error", "unauthorized")
          .containsEntry(
              "message",
              "source '"
                  + source
                  + "' has no authentication configured: set runbook.intake.sources."
                  + source
                  + ".auth (bearer, basic or hmac), or runbook.intake.allow-unauthenticated=true"
                  + " for local development");
    }
    assertThat(inbox.count()).isEqualTo(before);
  }
}
