package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.catalog.CatalogReport;
import dev.runbooks.language.catalog.RunbookCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogReloaderTest {
  @TempDir Path dir;

  @Test
  void tellsEveryListenerAfterEachReloadEvenWhenOneFails() throws Exception {
    Files.writeString(
        dir.resolve("a.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: aa}
        steps:
          - id: hello
            log: hello
        """);
    List<CatalogReport> seen = new ArrayList<>();
    CatalogListener failing =
        report -> {
          throw new IllegalStateException("listener bug");
        };
    CatalogReloader reloader =
        new CatalogReloader(
            new RunbookCatalog(dir), Duration.ofHours(1), List.of(failing, seen::add));

    reloader.reload();
    reloader.reload();

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).added()).extracting(e -> e.name()).containsExactly("aa");
    assertThat(seen.get(1).isEmpty()).isTrue();
  }
}
