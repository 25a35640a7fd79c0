package dev.runbooks.language.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runbooks shipped in the repository, examples included, all compile. */
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
    assertThat(catalog.all())
        .extracting(CatalogEntry::name)
        .contains("hello-http", "jarvis-circuit-breaker-open", "disk-cleanup-approval");
  }
}
