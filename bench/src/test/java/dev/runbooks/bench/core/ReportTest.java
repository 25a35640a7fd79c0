package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @Test
  void aTableIsMarkdownWithItsNotes() {
    Table table =
        Table.builder("Title", "a", "b|c").row("1", "2").row("x|y", "").note("A note.").build();

    assertThat(table.markdown())
        .isEqualTo(
            "**Title**\n\n| a | b\\|c |\n| --- | --- |\n| 1 | 2 |\n| x\\|y |  |\n\nA note.\n");
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> Table.builder("T", "a", "b").row("1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells for 2 columns");
  }

  @Test
  void renderFillsFreshSectionsKeepsOldOnesAndPlaceholdersForTheRest() {
    String template =
        "# Top\n<!-- bench:a -->\nA todo\n<!-- /bench:a -->\n"
            + "<!-- bench:b -->\nB todo\n<!-- /bench:b -->\n"
            + "<!-- bench:c -->\nC todo\n<!-- /bench:c -->\nend\n";
    String existing =
        "# Old top\n<!-- bench:b -->\nB measured before\n<!-- /bench:b -->\n"
            + "<!-- bench:a -->\nA old\n<!-- /bench:a -->\n";

    String page = Report.render(template, existing, Map.of("a", "A new $1 \\ text\n"));

    assertThat(page)
        .isEqualTo(
            "# Top\n<!-- bench:a -->\nA new $1 \\ text\n<!-- /bench:a -->\n"
                + "<!-- bench:b -->\nB measured before\n<!-- /bench:b -->\n"
                + "<!-- bench:c -->\nC todo\n<!-- /bench:c -->\nend\n");
  }

  @Test
  void writeCreatesThePageFromTheTemplateAndKeepsSectionsAcrossRuns(@TempDir Path dir)
      throws Exception {
    Path doc = dir.resolve("docs/benchmarks.md");
    Machine machine = new Machine("CPU X", 2, 1L << 34, "Linux", "JDK 17");
    Table table = Table.builder("T", "figure", "value").row("p99", "12").build();
    String env = Report.environment(machine, "dev server", "2025-01-01T00:00:00Z", "1 / 2 / 3");
    String latency = Report.section("Alert latency", env, List.of(table));

    Report.write(doc, Map.of("latency", latency));
    Report.write(doc, Map.of("compiler", Report.section("Compiler", env, List.of(table))));

    String page = Files.readString(doc);
    assertThat(page).startsWith("# Benchmarks");
    assertThat(page).contains("## How to run", "## What is measured");
    assertThat(page)
        .contains(
            "### Alert latency\n\n_Measured 2025-01-01T00:00:00Z on CPU X, 2 cores, 16 GiB;"
                + " Linux; JDK 17; Temporal: dev server; load average when the suite began:"
                + " 1 / 2 / 3._\n\n**T**");
    assertThat(page).contains("### Compiler\n\n_Measured");
    assertThat(page).contains("Not measured yet: `make bench SUITES=recovery`.");
    assertThat(page)
        .contains(
            "## Issue #20 goals\n\n**Every figure of issue #20 beside its goal**",
            "| history events per run, interpreter (ten probes) | ≤ 68 | not measured yet |  |"
                + " `make bench SUITES=overhead` |");
    assertThat(Report.sections(page).keySet())
        .containsExactly(
            "goals",
            "recovery",
            "steps",
            "latency",
            "storm",
            "priority",
            "compiler",
            "overhead",
            "production",
            "scale",
            "tuning");
  }
}
