package dev.runbooks.bench.compiler;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.parse.ParseLimits;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: validate and compile a generated runbook ({@link LargeRunbook}) from its YAML text: parse,
 * schema check, binding, flow and CEL checks, the compiled plan. Measured at 1,000 and 10,000
 * steps, so the two figures show whether compile time grows linearly with the step count. The
 * 10,000-step runbook (about 2 MB) is larger than the default {@link ParseLimits}, so the compiler
 * here is given limits that fit it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
  /** How many steps the runbook has. */
  @Param({"1000", "10000"})
  public int steps;

  /** Limits large enough for any runbook the benchmark generates. */
  public static final ParseLimits LIMITS =
      ParseLimits.defaults()
          .withMaxFileBytes(64 << 20)
          .withMaxExpandedValues(10_000_000)
          .withMaxSteps(1_000_000);

  private static final RunbookCompiler COMPILER = RunbookCompiler.withLimits(LIMITS);

  private String source;

  /** Generates the runbook once per trial. */
  @Setup
  public void generate() {
    source = LargeRunbook.generate(steps);
  }

  /** One validate + compile; fails when the runbook has problems. */
  @Benchmark
  public CompiledRunbook validateAndCompile() {
    return COMPILER.compile(source, "bench-large.yaml").orThrow();
  }
}
