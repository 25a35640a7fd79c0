package dev.runbooks.worker.seeds.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.worker.seeds.SeedHarness;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the replay histories of the shipped runbooks ({@code make record-replays}): for each
 * runbook of {@link MainScenarios} whose history is missing it runs the main scenario against the
 * testbed, writes the run's history to {@code workflows/src/test/resources/replay/runbooks/} and a
 * dry run's to {@code .../runbooks-dry-run/}; {@code ShippedRunbooksReplayTest} in the workflows
 * module replays them on every build. {@code -Dreplay.overwrite=true} records every runbook again,
 * {@code -Dreplay.only=a,b} only those.
 */
@EnabledIfSystemProperty(named = "replay.record", matches = "true")
class RecordShippedRunbooksTest {
  private static final Path REPLAY = Path.of("../workflows/src/test/resources/replay");

  @Test
  void recordsTheMainScenarioAndADryRunOfEveryShippedRunbook() throws Exception {
    HistoryRecorder recorder =
        new HistoryRecorder(REPLAY.resolve("runbooks"), REPLAY.resolve("runbooks-dry-run"));
    Set<String> only = Set.copyOf(Arrays.asList(System.getProperty("replay.only", "").split(",")));
    List<String> failures = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("../runbooks-yaml"))) {
      files
          .filter(dev.runbooks.language.catalog.TestFiles::isRunbookFile)
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .map(f -> f.substring(0, f.length() - ".yaml".length()))
          .filter(name -> !MainScenarios.BY_RUNBOOK.containsKey(name))
          .sorted()
          .forEach(name -> failures.add(name + ": no main scenario in MainScenarios"));
    }
    List<String> recorded = new ArrayList<>();
    Instant begin = Instant.now();
    SeedHarness.listen(recorder);
    try {
      for (Map.Entry<String, String> entry : MainScenarios.BY_RUNBOOK.entrySet()) {
        String runbook = entry.getKey();
        if (!wanted(runbook, only)) {
          continue;
        }
        Instant start = Instant.now();
        recorder.expect(runbook);
        try {
          run(entry.getValue(), runbook);
        } catch (Throwable e) {
          failures.add(runbook + ": its scenario failed: " + e);
        }
        if (recorder.recorded() == null) {
          failures.add(runbook + ": no closed run of it to record");
          continue;
        }
        try {
          recorder.dryRun(SeedHarness.get());
        } catch (RuntimeException e) {
          failures.add(runbook + ": its dry run failed: " + e);
        }
        recorded.add(runbook + " " + Duration.between(start, Instant.now()).toMillis() + " ms");
      }
    } finally {
      SeedHarness.listen(null);
    }
    System.out.println(
        "recorded "
            + recorded.size()
            + " runbooks in "
            + Duration.between(begin, Instant.now()).toSeconds()
            + " s:\n  "
            + String.join("\n  ", recorded));
    recorder.notes().forEach(System.out::println);
    assertThat(failures).as("runbooks not recorded as they should be").isEmpty();
  }

  private static boolean wanted(String runbook, Set<String> only) {
    if (!only.equals(Set.of(""))) {
      return only.contains(runbook);
    }
    return Boolean.getBoolean("replay.overwrite")
        || !Files.exists(REPLAY.resolve("runbooks/" + runbook + ".json"))
        || !Files.exists(REPLAY.resolve("runbooks-dry-run/" + runbook + ".json"));
  }

  /** Runs a seed test method (a fresh instance, as JUnit would) or one of the own scenarios. */
  private static void run(String scenario, String runbook) throws Throwable {
    if (scenario.equals(MainScenarios.OWN)) {
      own(runbook);
      return;
    }
    int hash = scenario.indexOf('#');
    Class<?> type = Class.forName(scenario.substring(0, hash));
    Constructor<?> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    Method method = type.getDeclaredMethod(scenario.substring(hash + 1));
    method.setAccessible(true);
    try {
      method.invoke(constructor.newInstance());
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The examples, which no seed test runs: each on its normal path. */
  private static void own(String runbook) throws Exception {
    SeedHarness h = SeedHarness.get().fresh();
    switch (runbook) {
      case "hello-http" -> {
        String id = h.start(runbook, Map.of("url", h.api() + "/actuator/health"));
        assertThat(h.awaitRun(id, Duration.ofSeconds(60)).path("report").path("outcome").asText())
            .isEqualTo("resolved");
      }
      case "disk-cleanup-approval" -> {
        Path logs = Files.createDirectories(Path.of("target/replay-disk-cleanup/logs"));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
        for (String name : List.of("app.log.1", "app.log.2")) {
          Files.setLastModifiedTime(Files.writeString(logs.resolve(name), "old lines\n"), old);
        }
        Files.writeString(logs.resolve("app.log"), "today\n");
        String id = h.start(runbook, Map.of("path", logs.toAbsolutePath().toString()));
        h.awaitApproval(id, Duration.ofSeconds(60));
        h.decide(id, true, "alice", "old rotated logs");
        assertThat(h.awaitRun(id, Duration.ofSeconds(60)).path("report").path("outcome").asText())
            .isEqualTo("resolved");
        assertThat(logs.resolve("app.log.1")).doesNotExist();
      }
      default -> throw new IllegalArgumentException("no own scenario for " + runbook);
    }
  }
}
