package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runbooks.activities.EscalationRoutes;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.language.targets.TargetPolicy;
import dev.runbooks.starter.rails.GuardRailNotifier.Notice;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guard-rail notifications reach the configured route through the escalate executor. */
class RouteGuardRailNotifierTest {
  private HttpServer receiver;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void receive() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/chat",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private RouteGuardRailNotifier notifier() {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/chat";
    StepEnvironment defaults = StepEnvironment.defaults();
    StepEnvironment env =
        new StepEnvironment(
            defaults.datasources(),
            defaults.audit(),
            defaults.ledger(),
            EscalationRoutes.of(
                Map.of("chat", new EscalationRoutes.Definition("webhook", url, null))),
            defaults.apiUrl(),
            defaults.environment(),
            defaults.secrets(),
            TargetPolicy.of(List.of("127.0.0.1/32"), List.of(), null));
    return new RouteGuardRailNotifier(env);
  }

  @Test
  void aNoticeIsPostedToTheRouteWithTheLimitThatHeld() {
    boolean sent =
        notifier()
            .send(
                new Notice(
                    "chat", "restart-nginx", "limited", "limit runs 10/1h held: 10 runs started"));

    assertThat(sent).isTrue();
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0))
        .contains("restart-nginx")
        .contains("limited")
        .contains("limit runs 10/1h held");
  }

  @Test
  void withoutARouteTheNoticeIsOnlyLoggedAndReportedUndelivered() {
    assertThat(notifier().send(new Notice(null, "restart-nginx", "tripped", "tripped"))).isFalse();
    assertThat(bodies).isEmpty();
  }

  @Test
  void aRouteThatIsNotConfiguredIsReportedUndelivered() {
    assertThat(notifier().send(new Notice("pager", "restart-nginx", "disabled", "off"))).isFalse();
    assertThat(bodies).isEmpty();
  }
}
