package dev.runbooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.bench.core.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProdComparisonTest {
  private static final Map<String, String> DEV =
      Map.of(
          "server", "`temporal server start-dev`",
          "overhead.interpreter.runsPerSecond", "2.900",
          "overhead.java.runsPerSecond", "4.350",
          "overhead.interpreter.latencyMeanMs", "1073.2",
          "overhead.java.latencyMeanMs", "1072.0",
          "overhead.interpreter.events", "80",
          "overhead.java.events", "65",
          "overhead.load", "9.97 / 12.27 / 12.27",
          "overhead.batch", "20");
  private static final Map<String, String> PROD =
      Map.of(
          "namespace", "runbook-bench",
          "overhead.interpreter.runsPerSecond", "5.500",
          "overhead.java.runsPerSecond", "6.600",
          "overhead.interpreter.latencyMeanMs", "400",
          "overhead.java.latencyMeanMs", "380",
          "overhead.interpreter.events", "80",
          "overhead.java.events", "65",
          "overhead.load", "3.00 / 4.00 / 5.00",
          "overhead.batch", "20");

  @TempDir Path dir;

  @Test
  void theSectionPutsBothServersSideBySide() {
    String section = ProdComparison.section(DEV, PROD, "Temporal server on PostgreSQL", "2 cores");

    assertThat(section)
        .startsWith("### Production topology\n")
        .contains("| figure | dev server | production topology |")
        .contains("| throughput, interpreter, runs/s | 2.9 | 5.5 |")
        .contains("| throughput, hand-written, runs/s | 4.4 | 6.6 |")
        .contains("| ratio hand-written / interpreter (1.00 = no overhead) | 1.50 | 1.20 |")
        .contains("| history events per run (interpreter / hand-written) | 80 / 65 | 80 / 65 |")
        .contains(
            "| load average when the suite began | 9.97 / 12.27 / 12.27 | 3.00 / 4.00 / 5.00 |")
        .contains("| Temporal server version | n/a | n/a |")
        .contains("Production topology: Temporal server on PostgreSQL.")
        .contains("namespace runbook-bench")
        .doesNotContain("runbook worker jar");
  }

  @Test
  void theReliabilityLineCarriesTheFiguresOfBoth() {
    assertThat(ProdComparison.reliabilityLine(DEV, PROD))
        .startsWith("- Throughput (the overhead suite of `make bench`, batches of 20")
        .contains("production topology 5.5 runs/s through the interpreter and 6.6 hand-written")
        .contains("(ratio 1.20), dev server 2.9 and 4.4 (ratio 1.50)")
        .contains("80 history events per interpreter run")
        .contains("load average 3.00 / 4.00 / 5.00 (production) and 9.97 / 12.27 / 12.27 (dev)")
        .doesNotContain("\n");
  }

  @Test
  void aFiguresFileWithoutTheOverheadSuiteIsRefused() throws IOException {
    Path figures = Files.writeString(dir.resolve("figures"), "server=x\n");
    assertThatThrownBy(() -> ProdComparison.read(figures))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no figures of the overhead suite");
    Files.writeString(figures, "overhead.interpreter.runsPerSecond=1.5\noverhead.load=1 / 2 / 3\n");
    assertThat(ProdComparison.read(figures))
        .containsEntry("overhead.interpreter.runsPerSecond", "1.5")
        .containsEntry("overhead.load", "1 / 2 / 3");
  }

  @Test
  void theSectionGoesAfterTheOverheadOneAndMakeBenchKeepsIt() {
    String page =
        "# B\n<!-- bench:overhead -->\nO\n<!-- /bench:overhead -->\n"
            + "<!-- bench:scale -->\nS\n<!-- /bench:scale -->\n";
    String once = Report.upsert(page, "production", "P1\n", "overhead");
    assertThat(once)
        .contains(
            "<!-- /bench:overhead -->\n<!-- bench:production -->\nP1\n<!-- /bench:production -->\n"
                + "<!-- bench:scale -->");
    String twice = Report.upsert(once, "production", "P2\n", "overhead");
    assertThat(twice).contains("P2\n").doesNotContain("P1");
    assertThat(Report.upsert("# x", "production", "P\n", "overhead"))
        .isEqualTo("# x\n<!-- bench:production -->\nP\n<!-- /bench:production -->\n");

    // make bench renders the page from the template: the production section survives it
    String rendered = Report.render(Report.template(), twice, Map.of());
    assertThat(rendered).contains("<!-- bench:production -->\nP2\n<!-- /bench:production -->");
  }
}
