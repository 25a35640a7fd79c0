package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.parse.SourceFiles;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the YAML parser and compiler from raw bytes, the way {@link RunbookCompiler#compile(
 * java.nio.file.Path)} reads a file: {@link SourceFiles#decode} first (bytes that are not UTF-8 are
 * one located problem), then {@link RunbookCompiler#compile(String, String)}. The property: the
 * only outcome is a {@link Compilation} (a runbook, or a non-empty list of located problems), never
 * an exception, and it comes back quickly.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the committed inputs under {@code
 * src/test/resources/dev/runbooks/language/compile/CompilerFuzzTestInputs/}: the seed corpus (the
 * valid runbooks, a selection of invalid ones and the hostile fixtures) and every crash found so
 * far. {@code scripts/fuzz.sh} fuzzes it.
 */
class CompilerFuzzTest {
  /** Generous: fuzzing instruments every class and the machine may be loaded. */
  private static final long SLOW_NANOS = 10_000_000_000L;

  @FuzzTest(maxDuration = "30s")
  void compileBytes(byte[] bytes) {
    long start = System.nanoTime();
    SourceFiles.Source source = SourceFiles.decode(bytes, "fuzz.yaml");
    Compilation compilation;
    if (source.ok()) {
      assertThat(source.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
      compilation = RunbookCompiler.standard().compile(source.text(), "fuzz.yaml");
    } else {
      assertThat(source.text()).isNull();
      compilation = new Compilation(null, java.util.List.of(source.problem()));
    }
    check(compilation);
    long elapsed = System.nanoTime() - start;
    assertThat(elapsed)
        .as("compiling %d bytes took %d ms", bytes.length, elapsed / 1_000_000)
        .isLessThan(SLOW_NANOS);
  }

  /** The documented result: a runbook and no problems, or no runbook and located problems. */
  static void check(Compilation compilation) {
    assertThat(compilation).isNotNull();
    if (compilation.runbook() != null) {
      assertThat(compilation.problems()).isEmpty();
      assertThat(compilation.ok()).isTrue();
      return;
    }
    assertThat(compilation.problems()).isNotEmpty();
    for (Problem p : compilation.problems()) {
      assertThat(p).isNotNull();
      assertThat(p.location()).isNotNull();
      assertThat(p.location().file()).isEqualTo("fuzz.yaml");
      assertThat(p.message()).isNotBlank();
      assertThat(p.toString()).isNotBlank();
    }
  }
}
