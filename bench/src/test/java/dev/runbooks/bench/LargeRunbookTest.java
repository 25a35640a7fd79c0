package dev.runbooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.bench.compiler.CompileBenchmark;
import dev.runbooks.bench.compiler.LargeRunbook;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import org.junit.jupiter.api.Test;

class LargeRunbookTest {

  @Test
  void theGeneratedRunbookCompilesWithExactlyTheStepsAskedFor() {
    CompileBenchmark benchmark = new CompileBenchmark();
    benchmark.steps = 1000;
    benchmark.generate();

    CompiledRunbook compiled = benchmark.validateAndCompile();

    assertThat(compiled.stepsById()).hasSize(1000).containsKeys("probe_0", "settle_199");
  }

  @Test
  void theTenThousandStepRunbookCompilesWithinTheBenchmarksLimitsOnly() {
    CompileBenchmark benchmark = new CompileBenchmark();
    benchmark.steps = 10_000;
    benchmark.generate();

    assertThat(benchmark.validateAndCompile().stepsById()).hasSize(10_000);
    assertThat(
            RunbookCompiler.standard()
                .compile(LargeRunbook.generate(10_000), "bench-large.yaml")
                .problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("the file is "));
  }

  @Test
  void aStepCountThatIsNoMultipleOfFiveIsRefused() {
    assertThatThrownBy(() -> LargeRunbook.generate(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 5");
  }
}
