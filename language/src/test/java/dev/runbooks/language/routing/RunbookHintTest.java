package dev.runbooks.language.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code runbook_url} annotation as a routing hint: strict parsing of the untrusted URL, and
 * its precedence with triggers (triggers first; the hint stands in for the alert name only).
 */
class RunbookHintTest {
  private static final AlertRouter ROUTER = new AlertRouter();

  private static CompiledRunbook compile(String name, String triggers) {
    String source =
        "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata:\n  name: "
            + name
            + "\n"
            + triggers
            + "steps:\n  - id: note\n    log: hello\n";
    return RunbookCompiler.standard().compile(source, name + ".yaml").orThrow();
  }

  private static final CompiledRunbook MEMORY =
      compile(
          "jarvis-high-memory",
          """
          triggers:
            - source: alertmanager
              alertname: JarvisHighMemory
              labels:
                job: jarvis
                env: {notIn: [dev]}
          """);
  private static final CompiledRunbook DISK =
      compile(
          "disk-full",
          """
          triggers:
            - source: alertmanager
              alertname: DiskFull
          """);
  private static final CompiledRunbook AUDIT = compile("dependency-audit", "");
  private static final List<CompiledRunbook> CATALOG = List.of(MEMORY, DISK, AUDIT);

  private static Alert alert(String name, Map<String, String> labels, String url) {
    return new Alert(
        "alertmanager",
        name,
        "firing",
        labels,
        url == null ? Map.of() : Map.of("runbook_url", url),
        "fp1",
        "",
        "",
        "",
        "",
        Map.of());
  }

  @Test
  void theParserTakesOnlyACatalogNameOutOfTheUrl() {
    assertThat(RunbookUrl.parse("http://localhost:8080/ui/runbooks/jarvis-high-memory").name())
        .isEqualTo("jarvis-high-memory");
    assertThat(RunbookUrl.parse("https://runbooks.example.com/ops/ui/runbooks/ops-x1/").name())
        .isEqualTo("ops-x1");
    assertThat(RunbookUrl.parse("/ui/runbooks/disk-full?x=1#top").name()).isEqualTo("disk-full");
    for (String bad :
        List.of(
            "",
            "javascript:alert(1)//ui/runbooks/x",
            "file:///ui/runbooks/x",
            "ftp://h/ui/runbooks/x",
            "https://user:pw@h/ui/runbooks/x",
            "https://h/ui/runbooks/%2e%2e",
            "https://h/ui/runbooks/../api/runs",
            "https://h/ui/runbooks/x/steps",
            "https://h/ui/runbooks/UPPER",
            "https://h/ui/runs/x",
            "//h/ui/runbooks/x",
            "https://h/ui/runbooks/" + "x".repeat(64),
            "https://h/ui/runbooks/a.b",
            "https://h/" + "a/".repeat(1100) + "ui/runbooks/x",
            "not a url at all")) {
      RunbookUrl.Parsed parsed = RunbookUrl.parse(bad);
      assertThat(parsed.named()).as(bad).isFalse();
      assertThat(parsed.problem()).as(bad).startsWith("runbook_url");
    }
  }

  @Test
  void triggersComeFirstAndTheHintDoesNotRedirectAMatchedAlert() {
    Alert a =
        alert(
            "DiskFull", Map.of("job", "x"), "http://localhost:8080/ui/runbooks/jarvis-high-memory");
    assertThat(ROUTER.route(a, CATALOG)).extracting(Route::runbook).containsExactly("disk-full");
    RunbookHint hint = ROUTER.hint(a, CATALOG).orElseThrow();
    assertThat(hint.used()).isFalse();
    assertThat(hint.runbook()).isEqualTo("jarvis-high-memory");
    assertThat(hint.reason()).contains("triggers come first");
  }

  @Test
  void anAlertNoTriggerMatchesIsRoutedByItsHintThroughTheNamedRunbooksTrigger() {
    Alert renamed =
        alert(
            "JarvisMemoryPressure",
            Map.of("job", "jarvis"),
            "http://localhost:8080/ui/runbooks/jarvis-high-memory");
    List<Route> routes = ROUTER.route(renamed, CATALOG);
    assertThat(routes).extracting(Route::runbook).containsExactly("jarvis-high-memory");
    assertThat(routes.get(0).triggerIndex()).isZero();
    assertThat(routes.get(0).workflowId()).isEqualTo("runbook/jarvis-high-memory/fp1");
    RunbookHint hint = ROUTER.hint(renamed, CATALOG).orElseThrow();
    assertThat(hint.used()).isTrue();
    assertThat(hint.reason()).contains("triggers[0]");
    // Without the hint the same alert routes nowhere.
    assertThat(ROUTER.route(alert("JarvisMemoryPressure", Map.of("job", "jarvis"), null), CATALOG))
        .isEmpty();
    assertThat(ROUTER.hint(alert("X", Map.of(), null), CATALOG)).isEmpty();
  }

  @Test
  void theHintNeverWaivesTheTriggersOtherConditions() {
    Alert dev =
        alert(
            "JarvisMemoryPressure",
            Map.of("job", "jarvis", "env", "dev"),
            "http://localhost:8080/ui/runbooks/jarvis-high-memory");
    assertThat(ROUTER.route(dev, CATALOG)).isEmpty();
    assertThat(ROUTER.hint(dev, CATALOG).orElseThrow().reason())
        .contains("no trigger of runbook 'jarvis-high-memory' holds apart from the alert name");
  }

  @Test
  void unknownRunbooksRunbooksWithoutTriggersAndBadUrlsAreIgnoredWithAReason() {
    Alert unknown = alert("Y", Map.of(), "https://h/ui/runbooks/no-such-runbook");
    assertThat(ROUTER.route(unknown, CATALOG)).isEmpty();
    RunbookHint hint = ROUTER.hint(unknown, CATALOG).orElseThrow();
    assertThat(hint.used()).isFalse();
    assertThat(hint.reason()).isEqualTo("no runbook 'no-such-runbook' in the catalog");

    Alert people = alert("Y", Map.of(), "https://h/ui/runbooks/dependency-audit");
    assertThat(ROUTER.route(people, CATALOG)).isEmpty();
    assertThat(ROUTER.hint(people, CATALOG).orElseThrow().reason()).contains("has no trigger");

    Alert bad = alert("Y", Map.of(), "javascript:alert(1)");
    assertThat(ROUTER.route(bad, CATALOG)).isEmpty();
    assertThat(ROUTER.hint(bad, CATALOG).orElseThrow().runbook()).isNull();
  }
}
