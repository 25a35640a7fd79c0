package dev.runbooks.language.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookCatalogTest {
  @TempDir Path dir;

  private static String runbook(String name, String message) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: %s
        steps:
          - id: say
            log: "%s"
        """
        .formatted(name, message);
  }

  private static String broken(String name) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: %s
        steps:
          - id: say
            shout: "this step type does not exist"
        """
        .formatted(name);
  }

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void loadsEveryYamlFileRecursivelyAndSkipsTheSchemaDirectory() throws IOException {
    write("hello.yaml", runbook("hello", "hi"));
    write("jarvis/circuit.yml", runbook("jarvis-circuit", "reset"));
    write("schema/not-a-runbook.yaml", "{\"$schema\": \"x\"}");
    write("README.md", "# not a runbook");
    write(".hidden/old.yaml", runbook("hidden", "no"));

    RunbookCatalog catalog = new RunbookCatalog(dir);
    CatalogReport report = catalog.reload();

    assertThat(report.added())
        .extracting(CatalogEntry::name)
        .containsExactly("hello", "jarvis-circuit");
    assertThat(report.rejected()).isEmpty();
    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.all())
        .extracting(CatalogEntry::name)
        .containsExactly("hello", "jarvis-circuit");
    CatalogEntry hello = catalog.find("hello").orElseThrow();
    assertThat(hello.file()).isEqualTo(dir.resolve("hello.yaml"));
    assertThat(hello.source()).isEqualTo(runbook("hello", "hi"));
    assertThat(hello.version()).startsWith("sha256:");
    assertThat(hello.compiled().name()).isEqualTo("hello");
    assertThat(catalog.find("hidden")).isEmpty();
  }

  @Test
  void aSecondReloadWithoutChangesReportsNothingAndKeepsTheEntries() throws IOException {
    write("hello.yaml", runbook("hello", "hi"));
    RunbookCatalog catalog = RunbookCatalog.load(dir);
    CatalogEntry before = catalog.find("hello").orElseThrow();

    CatalogReport report = catalog.reload();

    assertThat(report.isEmpty()).isTrue();
    assertThat(catalog.find("hello")).containsSame(before);
  }

  @Test
  void anUpdateReportsBothVersionsAndKeepsTheOldOneAvailable() throws IOException {
    write("hello.yaml", runbook("hello", "hi"));
    RunbookCatalog catalog = RunbookCatalog.load(dir);
    String v1 = catalog.find("hello").orElseThrow().version();

    write("hello.yaml", runbook("hello", "hello again"));
    CatalogReport report = catalog.reload();

    String v2 = catalog.find("hello").orElseThrow().version();
    assertThat(v2).isNotEqualTo(v1);
    assertThat(report.updated())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.name()).isEqualTo("hello");
              assertThat(u.oldVersion()).isEqualTo(v1);
              assertThat(u.newVersion()).isEqualTo(v2);
            });
    assertThat(report.lines()).containsExactly("updated hello " + v1 + " -> " + v2);
    assertThat(catalog.version("hello", v1).orElseThrow().source()).contains("\"hi\"");
    assertThat(catalog.version("hello", v2).orElseThrow().source()).contains("hello again");
  }

  @Test
  void anInvalidUpdateIsRefusedAndTheOldVersionStaysInService() throws IOException {
    write("hello.yaml", runbook("hello", "hi"));
    RunbookCatalog catalog = RunbookCatalog.load(dir);
    String v1 = catalog.find("hello").orElseThrow().version();

    write("hello.yaml", broken("hello"));
    CatalogReport report = catalog.reload();

    assertThat(report.updated()).isEmpty();
    assertThat(report.removed()).isEmpty();
    assertThat(report.rejected())
        .singleElement()
        .satisfies(p -> assertThat(p.file()).isEqualTo(dir.resolve("hello.yaml")));
    assertThat(catalog.find("hello").orElseThrow().version()).isEqualTo(v1);
    assertThat(catalog.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.messages())
                    .isNotEmpty()
                    .allSatisfy(m -> assertThat(m).contains("hello.yaml:")));

    CatalogReport again = catalog.reload();
    assertThat(again.isEmpty()).as("a file failing the same way is reported once").isTrue();
    assertThat(catalog.problems()).hasSize(1);

    write("hello.yaml", runbook("hello", "fixed"));
    CatalogReport fixed = catalog.reload();
    assertThat(fixed.updated()).extracting(CatalogReport.Update::oldVersion).containsExactly(v1);
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void anInvalidNewFileIsNotServedAndIsListedWithItsProblems() throws IOException {
    write("broken.yaml", broken("broken"));
    write("not-yaml.yaml", "steps: [unclosed");

    RunbookCatalog catalog = RunbookCatalog.load(dir);

    assertThat(catalog.all()).isEmpty();
    assertThat(catalog.problems())
        .extracting(FileProblem::file)
        .containsExactly(dir.resolve("broken.yaml"), dir.resolve("not-yaml.yaml"));
  }

  @Test
  void aDeletedFileRemovesItsRunbookButItsVersionsStayAvailable() throws IOException {
    Path file = write("hello.yaml", runbook("hello", "hi"));
    RunbookCatalog catalog = RunbookCatalog.load(dir);
    String v1 = catalog.find("hello").orElseThrow().version();

    Files.delete(file);
    CatalogReport report = catalog.reload();

    assertThat(report.removed()).containsExactly("hello");
    assertThat(catalog.find("hello")).isEmpty();
    assertThat(catalog.all()).isEmpty();
    assertThat(catalog.version("hello", v1)).isPresent();
  }

  @Test
  void aSecondFileWithTheSameNameIsRefusedNamingBothFiles() throws IOException {
    write("a.yaml", runbook("dup", "from a"));
    write("b.yaml", runbook("dup", "from b"));

    RunbookCatalog catalog = RunbookCatalog.load(dir);

    assertThat(catalog.find("dup").orElseThrow().file()).isEqualTo(dir.resolve("a.yaml"));
    assertThat(catalog.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(dir.resolve("b.yaml"));
              assertThat(p.messages())
                  .singleElement()
                  .asString()
                  .contains("metadata.name")
                  .contains(RunbookFiles.label(dir.resolve("a.yaml")))
                  .contains(RunbookFiles.label(dir.resolve("b.yaml")));
            });
  }

  @Test
  void theFileInServiceKeepsItsNameWhenANewFileClaimsIt() throws IOException {
    write("m.yaml", runbook("dup", "first"));
    RunbookCatalog catalog = RunbookCatalog.load(dir);

    write("a.yaml", runbook("dup", "newcomer sorting first"));
    CatalogReport report = catalog.reload();

    assertThat(report.updated()).isEmpty();
    assertThat(report.rejected())
        .extracting(FileProblem::file)
        .containsExactly(dir.resolve("a.yaml"));
    assertThat(catalog.find("dup").orElseThrow().file()).isEqualTo(dir.resolve("m.yaml"));
  }

  @Test
  void aMissingDirectoryIsAProblemNotAnException() {
    RunbookCatalog catalog = new RunbookCatalog(dir.resolve("nowhere"));

    CatalogReport report = catalog.reload();

    assertThat(catalog.all()).isEmpty();
    assertThat(report.rejected()).hasSize(1);
    assertThat(catalog.problems().get(0).messages().get(0))
        .contains("cannot read the runbook directory");
  }

  @Test
  void aCompilerErrorRefusesThatFileOnlyAndTheOldVersionStaysInService() throws IOException {
    write("hello.yaml", runbook("hello", "hi"));
    write("other.yaml", runbook("other", "v1"));
    BiFunction<String, String, Compilation> compiler =
        (source, label) -> {
          if (source.contains("overflow")) {
            throw new StackOverflowError();
          }
          return RunbookCompiler.standard().compile(source, label);
        };
    RunbookCatalog catalog = new RunbookCatalog(dir, compiler, Clock.systemUTC());
    catalog.reload();
    String served = catalog.find("hello").orElseThrow().version();

    write("hello.yaml", runbook("hello", "overflow"));
    write("other.yaml", runbook("other", "v2"));
    CatalogReport report = catalog.reload();

    assertThat(report.rejected())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.messages())
                    .containsExactly(
                        RunbookFiles.label(dir.resolve("hello.yaml"))
                            + ":0:0: the compiler failed (java.lang.StackOverflowError)"));
    assertThat(report.updated()).extracting(CatalogReport.Update::name).containsExactly("other");
    assertThat(catalog.find("hello").orElseThrow().version()).isEqualTo(served);
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedAtItsFirstBadByte() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, runbook("caf\u00e9", "hi").getBytes(StandardCharsets.ISO_8859_1));

    RunbookCatalog catalog = new RunbookCatalog(dir);
    CatalogReport report = catalog.reload();

    assertThat(catalog.all()).isEmpty();
    assertThat(report.rejected())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.messages())
                    .containsExactly(
                        RunbookFiles.label(file)
                            + ":4:12: the file is not UTF-8 text: byte 0xE9 at offset 63 is not"
                            + " valid UTF-8; save the file as UTF-8"));
  }

  @Test
  void readersSeeAConsistentCatalogWhileReloadsRun() throws Exception {
    for (int i = 0; i < 5; i++) {
      write("rb" + i + ".yaml", runbook("rb-" + i, "v0"));
    }
    RunbookCatalog catalog = RunbookCatalog.load(dir);
    AtomicBoolean done = new AtomicBoolean();
    List<Throwable> failures = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  assertThat(catalog.all()).hasSize(5);
                  assertThat(catalog.find("rb-3")).isPresent();
                }
              } catch (Throwable t) {
                synchronized (failures) {
                  failures.add(t);
                }
              }
            });
    reader.start();
    for (int round = 1; round <= 5; round++) {
      for (int i = 0; i < 5; i++) {
        write("rb" + i + ".yaml", runbook("rb-" + i, "v" + round));
      }
      assertThat(catalog.reload().updated()).hasSize(5);
    }
    done.set(true);
    reader.join();
    assertThat(failures).isEmpty();
  }

  private static String caller(String name, String callee, String maxDepth) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: %s
        steps:
          - id: delegate
            call:
              runbook: %s
        %s"""
        .formatted(name, callee, maxDepth == null ? "" : "      maxDepth: " + maxDepth + "\n");
  }

  @Test
  void aCallCycleWithoutMaxDepthIsRefusedInEveryFileOfTheCycle() throws IOException {
    write("a.yaml", caller("restart-a", "restart-b", null));
    write("b.yaml", caller("restart-b", "restart-c", null));
    write("c.yaml", caller("restart-c", "restart-a", null));
    write("d.yaml", caller("restart-d", "restart-a", null));

    RunbookCatalog catalog = new RunbookCatalog(dir);
    catalog.reload();

    // restart-d calls restart-a, which is refused: the call has no target in the catalog
    assertThat(catalog.all()).isEmpty();
    assertThat(catalog.problems().stream().flatMap(p -> p.messages().stream()))
        .containsExactly(
            label("a.yaml")
                + ":6:5: steps[0].call.runbook: call cycle restart-a -> restart-b -> restart-c"
                + " -> restart-a: declare maxDepth on one of these calls (such as maxDepth: 3) to"
                + " bound how deep the calls can nest",
            label("b.yaml")
                + ":6:5: steps[0].call.runbook: call cycle restart-b -> restart-c -> restart-a"
                + " -> restart-b: declare maxDepth on one of these calls (such as maxDepth: 3) to"
                + " bound how deep the calls can nest",
            label("c.yaml")
                + ":6:5: steps[0].call.runbook: call cycle restart-c -> restart-a -> restart-b"
                + " -> restart-c: declare maxDepth on one of these calls (such as maxDepth: 3) to"
                + " bound how deep the calls can nest",
            label("d.yaml")
                + ":8:16: steps[0].call.runbook: call to runbook 'restart-a', which is not in the"
                + " catalog");
  }

  @Test
  void aCallToAMissingRunbookOrWithInputsThatDoNotFitIsRefused() throws IOException {
    write(
        "callee.yaml",
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: callee
        inputs:
          service: {type: string, required: true}
        steps:
          - id: note
            log: hi
        """);
    write(
        "fits.yaml",
        caller("fits", "callee", null)
            .replace("runbook: callee", "runbook: callee\n      inputs: {service: api}"));
    write("missing.yaml", caller("missing", "nobody", null));
    write("unfit.yaml", caller("unfit", "callee", null));

    RunbookCatalog catalog = new RunbookCatalog(dir);
    CatalogReport report = catalog.reload();

    assertThat(catalog.all()).extracting(CatalogEntry::name).containsExactly("callee", "fits");
    assertThat(report.rejected().stream().flatMap(p -> p.messages().stream()))
        .containsExactly(
            label("missing.yaml")
                + ":8:16: steps[0].call.runbook: call to runbook 'nobody', which is not in the"
                + " catalog",
            label("unfit.yaml")
                + ":8:7: steps[0].call: the call to runbook 'callee' does not supply required"
                + " input 'service'");
  }

  @Test
  void oneBoundedCallMakesTheCycleServable() throws IOException {
    write("a.yaml", caller("restart-a", "restart-b", "3"));
    write("b.yaml", caller("restart-b", "restart-a", null));

    RunbookCatalog catalog = new RunbookCatalog(dir);
    catalog.reload();

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.all())
        .extracting(CatalogEntry::name)
        .containsExactly("restart-a", "restart-b");
  }

  @Test
  void aChangeThatClosesACycleIsRefusedAndThePreviousVersionStays() throws IOException {
    write("a.yaml", caller("restart-a", "restart-b", null));
    write("b.yaml", runbook("restart-b", "restarted"));
    RunbookCatalog catalog = new RunbookCatalog(dir);
    catalog.reload();
    String servedB = catalog.find("restart-b").orElseThrow().version();

    write("b.yaml", caller("restart-b", "restart-a", null));
    CatalogReport report = catalog.reload();

    assertThat(report.rejected())
        .extracting(FileProblem::file)
        .containsExactly(dir.resolve("b.yaml"));
    assertThat(catalog.find("restart-b").orElseThrow().version()).isEqualTo(servedB);
    assertThat(catalog.find("restart-a")).isPresent();
  }

  private String label(String relative) {
    return RunbookFiles.label(dir.resolve(relative));
  }
}
