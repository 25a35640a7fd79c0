package dev.runbooks.worker.seeds.miniminimoon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.worker.seeds.SeedHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recovery benchmark works end to end against the seed harness, three times per scenario. It
 * checks that every run resolved and the table lists the six scenarios; it asserts no times (the
 * harness runs Temporal's in-memory test server, not the dev server the figures are for).
 */
class RecoveryBenchmarkTest {

  @Test
  void measuresTheSixScenariosAndWritesTheTable() throws Exception {
    SeedHarness harness = SeedHarness.get();
    Path dir = Files.createDirectories(Path.of("target/miniminimoon-bench"));
    RecoveryBenchmark.Options options =
        new RecoveryBenchmark.Options(3, 0, harness.api(), null, "127.0.0.1", 3, dir);

    List<RecoveryBenchmark.Row> rows = new RecoveryBenchmark(options).run();
    String table = RecoveryBenchmark.table(rows);
    Files.writeString(dir.resolve("table.md"), table);
    System.out.println(table);

    assertThat(rows).hasSize(6);
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.recoveredMillis())
                  .hasSize(3)
                  .allSatisfy(ms -> assertThat(ms).isPositive());
              assertThat(row.resolved()).as(row.scenario().name()).isEqualTo(3);
            });
    assertThat(table)
        .contains(
            "network_failure/full",
            "network_failure/partial",
            "disk_full/full",
            "disk_full/partial",
            "cpu_throttling/full",
            "cpu_throttling/partial");
  }
}
