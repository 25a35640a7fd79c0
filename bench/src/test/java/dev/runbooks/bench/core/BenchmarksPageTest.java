package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/benchmarks.md is written from the template in this module: text outside the measured
 * sections changed on the page alone would be lost at the next {@code make bench}.
 */
class BenchmarksPageTest {
  private static final Path PAGE = Path.of("../docs/benchmarks.md");

  @Test
  void thePageIsWhatTheTemplateRendersWithItsOwnSections() throws Exception {
    String page = Files.readString(PAGE);
    String goals = GoalsReport.section(Report.sections(page).get(GoalsReport.SECTION), Map.of());

    assertThat(Report.render(Report.template(), page, Map.of(GoalsReport.SECTION, goals)))
        .as(
            "docs/benchmarks.md differs from bench/src/main/resources/benchmarks-template.md"
                + " outside its measured sections: edit the template, then `make bench"
                + " SUITES=none` rewrites the page")
        .isEqualTo(page);
  }
}
