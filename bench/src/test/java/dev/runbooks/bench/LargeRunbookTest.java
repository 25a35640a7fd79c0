package dev.runbooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.bench.compiler.CompileBenchmark;
import dev.runbooks.bench.compiler.LargeRunbook;
import dev.runbooks.language.compile.CompiledRunbook;
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
  void aStepCountThatIsNoMultipleOfFiveIsRefused() {
    assertThatThrownBy(() -> LargeRunbook.generate(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 5");
  }
}
