package dev.runbooks.bench.compiler;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
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
 * schema check, binding, flow and CEL checks, the compiled plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
  /** How many steps the runbook has. */
  @Param({"1000"})
  public int steps;

  private String source;

  /** Generates the runbook once per trial. */
  @Setup
  public void generate() {
    source = LargeRunbook.generate(steps);
  }

  /** One validate + compile; fails when the runbook has problems. */
  @Benchmark
  public CompiledRunbook validateAndCompile() {
    return RunbookCompiler.standard().compile(source, "bench-large.yaml").orThrow();
  }
}
