package dev.runbooks.bench.compiler;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Goal;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The compiler: JMH of validate + compile of a 1,000-step and a 10,000-step runbook (compile time
 * must grow linearly: goals 200 ms and 2 s), and the wall time of {@code bin/runbook validate
 * runbooks-yaml} from a cold JVM (goal 1.5 s). Knobs: {@code bench.compiler.coldRuns} (default 5),
 * {@code bench.compiler.steps} (default 1000; the large runbook has ten times as many steps).
 */
public final class CompilerSuite implements Suite {
  @Override
  public String id() {
    return "compiler";
  }

  @Override
  public String title() {
    return "Compiler";
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    int steps = BenchOptions.setting("compiler.steps", 1000);
    int large = steps * 10;
    Options jmh =
        new OptionsBuilder()
            .include(CompileBenchmark.class.getName())
            .param("steps", Integer.toString(steps), Integer.toString(large))
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgs("-Xmx1g")
            .build();
    Map<Integer, RunResult> bySteps = new TreeMap<>();
    for (RunResult result : new Runner(jmh).run()) {
      bySteps.put(Integer.parseInt(result.getParams().getParam("steps")), result);
    }
    Stats cold =
        coldValidate(context.options().root(), BenchOptions.setting("compiler.coldRuns", 5));
    Goal coldGoal = Goal.atMost(1500, "ms");
    Table.Builder builder = Table.builder("Compiler", "figure", "value", "goal", "met");
    for (Map.Entry<Integer, RunResult> entry : bySteps.entrySet()) {
      double score = entry.getValue().getPrimaryResult().getScore();
      double error = entry.getValue().getPrimaryResult().getScoreError();
      // 200 ms per 1,000 steps: linear growth
      Goal compileGoal = Goal.atMost(entry.getKey() / 5, "ms");
      builder.row(
          "validate + compile, " + entry.getKey() + "-step runbook (JMH average, ms/op)",
          Format.millis(score) + " ± " + Format.millis(error),
          compileGoal.text(),
          compileGoal.verdict(score));
    }
    Table table =
        builder
            .row(
                "`bin/runbook validate runbooks-yaml`, cold JVM, median of " + cold.n() + " (ms)",
                Format.millis(cold.p50()) + " (max " + Format.millis(cold.max()) + ")",
                coldGoal.text(),
                coldGoal.verdict(cold.p50()))
            .note(
                "JMH: 1 fork, 3 × 1 s warm-up, 5 × 1 s measured, average time per operation with"
                    + " its 99.9 % error; the runbook is generated (`LargeRunbook`: probes with"
                    + " expectations and outputs, templated logs, switches, waitUntil probes),"
                    + " compiled with limits raised to fit it (`CompileBenchmark.LIMITS`); the"
                    + " goals grow linearly with the step count (200 ms per 1,000 steps)."
                    + " The cold figure is the wall time of the whole `bin/runbook` process,"
                    + " JVM start included, validating every file under runbooks-yaml/, with the"
                    + " class-data sharing archive bin/runbook keeps (created before the runs).")
            .build();
    return List.of(table);
  }

  private static Stats coldValidate(Path root, int runs) throws IOException, InterruptedException {
    // the archive a first run would create in the background, created now so that no run pays it
    run(root, "--cds-archive");
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(root.resolve("bin/runbook").toString(), "validate", "runbooks-yaml")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int code = p.waitFor();
      millis.add((System.nanoTime() - t0) / 1e6);
      if (code != 0) {
        throw new IllegalStateException(
            "bin/runbook validate runbooks-yaml exited " + code + ": " + out);
      }
    }
    return Stats.of(millis);
  }

  private static void run(Path root, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(root.resolve("bin/runbook").toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("bin/runbook " + String.join(" ", args) + ": " + out);
    }
  }
}
