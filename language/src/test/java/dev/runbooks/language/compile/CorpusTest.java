package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture corpus: every valid runbook compiles without problems, and every invalid one yields
 * exactly the problems in its sibling {@code .expected} file. Run with {@code -Dcorpus.write=true}
 * to rewrite the expected files after a deliberate change of messages.
 */
class CorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/corpus");

  static Stream<String> valid() throws IOException {
    return names("valid");
  }

  static Stream<String> invalid() throws IOException {
    return names("invalid");
  }

  private static Stream<String> names(String dir) throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve(dir))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validRunbookCompiles(String name) throws IOException {
    String source = Files.readString(CORPUS.resolve("valid").resolve(name));

    Compilation compilation = RunbookCompiler.standard().compile(source, name);

    assertThat(compilation.problems()).isEmpty();
    assertThat(compilation.ok()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidRunbookReportsExactlyTheExpectedProblems(String name) throws IOException {
    Path file = CORPUS.resolve("invalid").resolve(name);
    Path expectedFile = file.resolveSibling(name.replaceAll("\\.yaml$", ".expected"));
    String source = Files.readString(file);

    Compilation compilation = RunbookCompiler.standard().compile(source, name);
    String actual =
        compilation.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));

    if (Boolean.getBoolean("corpus.write")) {
      Files.writeString(expectedFile, actual + "\n", StandardCharsets.UTF_8);
    }
    assertThat(compilation.ok()).isFalse();
    List<String> expected = Files.readAllLines(expectedFile);
    assertThat(actual.lines().toList()).isEqualTo(expected);
  }

  static Stream<String> invalidCalls() throws IOException {
    return names("calls/invalid");
  }

  /** The runbooks calls in {@code calls/} may name: those of {@code calls/catalog}. */
  private static CallTargets catalog() throws IOException {
    List<CompiledRunbook> runbooks = new java.util.ArrayList<>();
    for (String name : names("calls/catalog").toList()) {
      String source = Files.readString(CORPUS.resolve("calls/catalog").resolve(name));
      runbooks.add(RunbookCompiler.standard().compile(source, name).orThrow());
    }
    return CallTargets.of(runbooks);
  }

  @ParameterizedTest
  @MethodSource("invalidCalls")
  void invalidCallReportsExactlyTheExpectedProblems(String name) throws IOException {
    Path file = CORPUS.resolve("calls/invalid").resolve(name);
    Path expectedFile = file.resolveSibling(name.replaceAll("\\.yaml$", ".expected"));
    String source = Files.readString(file);

    Compilation compilation = RunbookCompiler.standard().compile(source, name, catalog());
    String actual =
        compilation.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));

    if (Boolean.getBoolean("corpus.write")) {
      Files.writeString(expectedFile, actual + "\n", StandardCharsets.UTF_8);
    }
    assertThat(compilation.ok()).isFalse();
    assertThat(actual.lines().toList()).isEqualTo(Files.readAllLines(expectedFile));
    // without the catalog, a single file compiles as before: its calls are not checked
    assertThat(RunbookCompiler.standard().compile(source, name).problems()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aCallThatFitsItsTargetCompilesWithTheCatalog() throws IOException {
    String source = Files.readString(CORPUS.resolve("calls/valid/call-fits.yaml"));

    assertThat(RunbookCompiler.standard().compile(source, "call-fits.yaml", catalog()).problems())
        .isEmpty();
  }

  static Stream<String> invalidRoutes() throws IOException {
    return names("routes/invalid");
  }

  @ParameterizedTest
  @MethodSource("invalidRoutes")
  void misspelledRouteIsReportedWithTheWorkersRoutes(String name) throws IOException {
    Path file = CORPUS.resolve("routes/invalid").resolve(name);
    Path expectedFile = file.resolveSibling(name.replaceAll("\\.yaml$", ".expected"));
    java.util.Set<String> routes =
        dev.runbooks.language.catalog.RouteNames.read(CORPUS.resolve("routes/routes.yaml"));

    Compilation compilation =
        RunbookCompiler.standard().compile(Files.readString(file), name, routes);
    String actual =
        compilation.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));

    if (Boolean.getBoolean("corpus.write")) {
      Files.writeString(expectedFile, actual + "\n", StandardCharsets.UTF_8);
    }
    assertThat(compilation.ok()).isFalse();
    assertThat(actual.lines().toList()).isEqualTo(Files.readAllLines(expectedFile));
    // without route names, route names are not checked
    assertThat(RunbookCompiler.standard().compile(Files.readString(file), name).problems())
        .isEmpty();
  }

  @org.junit.jupiter.api.Test
  void knownRoutesCompileAndRouteFilesOfEveryShapeAreRead(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    java.util.Set<String> routes =
        dev.runbooks.language.catalog.RouteNames.read(CORPUS.resolve("routes/routes.yaml"));
    String source = Files.readString(CORPUS.resolve("routes/valid/known-routes.yaml"));

    assertThat(routes).containsExactly("oncall", "engineering");
    assertThat(RunbookCompiler.standard().compile(source, "known-routes.yaml", routes).problems())
        .isEmpty();
    Path list = Files.writeString(dir.resolve("list.json"), "[\"oncall\", \"ops\"]");
    Path map = Files.writeString(dir.resolve("map.yaml"), "oncall: {}\nops: {}\n");
    assertThat(dev.runbooks.language.catalog.RouteNames.read(list))
        .containsExactly("oncall", "ops");
    assertThat(dev.runbooks.language.catalog.RouteNames.read(map)).containsExactly("oncall", "ops");
  }

  @org.junit.jupiter.api.Test
  void typeProblemsAreWarningsForThePlansOfStartedRuns() throws IOException {
    Path file = CORPUS.resolve("invalid/types-result-field.yaml");
    String source = Files.readString(file);

    Compilation compilation =
        RunbookCompiler.standard().typesAsWarnings().compile(source, "types-result-field.yaml");

    assertThat(compilation.ok()).isTrue();
    assertThat(compilation.warnings().stream().map(Problem::toString).toList())
        .isEqualTo(Files.readAllLines(file.resolveSibling("types-result-field.expected")));
  }
}
