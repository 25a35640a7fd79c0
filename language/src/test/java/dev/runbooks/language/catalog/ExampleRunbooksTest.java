package dev.runbooks.language.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.routing.AlertRouter;
import dev.runbooks.language.routing.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runbooks shipped in the repository, examples and seed runbooks included, all compile. */
class ExampleRunbooksTest {
  private static final Path RUNBOOKS = Path.of("../runbooks-yaml");

  @Test
  void everyShippedRunbookCompiles() {
    RunbookCatalog catalog = RunbookCatalog.load(RUNBOOKS);

    assertThat(catalog.problems())
        .as(
            "problems: %s",
            catalog.problems().stream().flatMap(p -> p.messages().stream()).toList())
        .isEmpty();
    assertThat(catalog.warnings()).as("warnings").isEmpty();
    assertThat(catalog.all())
        .extracting(CatalogEntry::name)
        .contains(
            "hello-http",
            "jarvis-circuit-breaker-open",
            "disk-cleanup-approval",
            "tls-expiry-check",
            "api-latency-remediation");
  }

  @Test
  void theJarvisCircuitBreakerRunbookIsStartedByItsAlertmanagerAlert() {
    RunbookCatalog catalog = RunbookCatalog.load(RUNBOOKS);
    List<CompiledRunbook> triggered = catalog.triggered();
    var alert =
        new dev.runbooks.language.routing.Alert(
            "alertmanager",
            "JarvisCircuitBreakerOpen",
            "firing",
            Map.of(
                "job",
                "jarvis",
                "instance",
                "jarvis-1:8742",
                "severity",
                "warning",
                "circuit",
                "imessage",
                "env",
                "prod"),
            Map.of("summary", "circuit imessage open"),
            "4f2a9c",
            null,
            "2026-02-10T10:00:00Z",
            null,
            null,
            Map.of());

    List<Route> routes = new AlertRouter().route(alert, triggered);

    assertThat(triggered).extracting(CompiledRunbook::name).contains("jarvis-circuit-breaker-open");
    assertThat(routes).hasSize(1);
    Route route = routes.get(0);
    assertThat(route.problems()).isEmpty();
    assertThat(route.inputs()).containsEntry("circuit", "imessage");
    assertThat(route.inputs()).containsEntry("base_url", "http://jarvis-1:8742");
    assertThat(route.workflowId())
        .isEqualTo("runbook/jarvis-circuit-breaker-open/jarvis/jarvis-1:8742/imessage");
    assertThat(route.cooldown()).isEqualTo(Duration.ofMinutes(10));
    assertThat(route.onResolved()).isEqualTo(OnResolved.SIGNAL);
  }
}
