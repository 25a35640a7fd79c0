package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.catalog.CatalogReport;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.InstanceOfAssertFactories;
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

  @Test
  void aFileTheCompilerDiesOnIsRefusedAndTheLastGoodVersionKeepsServing() throws Exception {
    Path file = dir.resolve("a.yaml");
    Files.writeString(file, runbook("v1"));
    AtomicInteger overflows = new AtomicInteger();
    BiFunction<String, String, Compilation> compiler =
        (source, label) -> {
          if (source.contains("overflow")) {
            overflows.incrementAndGet();
            throw new StackOverflowError();
          }
          return RunbookCompiler.standard().compile(source, label);
        };
    RunbookCatalog catalog = new RunbookCatalog(dir, compiler, Clock.systemUTC());
    CatalogReloader reloader = new CatalogReloader(catalog, Duration.ofMillis(100));
    reloader.start();
    try {
      String good = catalog.find("aa").orElseThrow().version();

      Files.writeString(file, runbook("overflow"));
      awaitUntil(() -> !catalog.problems().isEmpty());

      assertThat(overflows.get()).isPositive();
      assertThat(catalog.find("aa").orElseThrow().version()).isEqualTo(good);
      assertThat(catalog.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.file()).isEqualTo(file);
                assertThat(p.messages())
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .endsWith("a.yaml:0:0: the compiler failed (java.lang.StackOverflowError)");
              });

      // the schedule survived: the next edit is picked up
      Files.writeString(file, runbook("v2"));
      awaitUntil(() -> !catalog.find("aa").orElseThrow().version().equals(good));
      assertThat(catalog.problems()).isEmpty();
      assertThat(catalog.find("aa").orElseThrow().source()).contains("v2");
    } finally {
      reloader.stop();
    }
  }

  @Test
  void aReloadThatThrowsAnErrorIsLoggedAndTheNextOneRuns() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), runbook("v1"));
    AtomicInteger calls = new AtomicInteger();
    CatalogListener dying =
        report -> {
          if (calls.incrementAndGet() == 2) {
            throw new OutOfMemoryError("listener");
          }
        };
    RunbookCatalog catalog = new RunbookCatalog(dir);
    CatalogReloader reloader = new CatalogReloader(catalog, Duration.ofMillis(100), List.of(dying));
    reloader.start();
    try {
      awaitUntil(() -> calls.get() >= 4);
      assertThat(catalog.find("aa")).isPresent();
    } finally {
      reloader.stop();
    }
  }

  private static String runbook(String message) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: aa}
        steps:
          - id: hello
            log: %s
        """
        .formatted(message);
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
