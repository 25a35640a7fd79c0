package dev.runbooks.worker.seeds.miniminimoon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 "disk_full" (scenario 2, full) and "disk_full (Partial Recovery)" (scenario 5) end to
 * end, with the real files of the data directory checked before and after the cleanup.
 */
class MiniminimoonDiskFullTest {
  private static final long MIB = 1024 * 1024;

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> named(Path dir, String part) {
    return files(dir).stream().filter(p -> p.getFileName().toString().contains(part)).toList();
  }

  @Test
  void fullDiskIsFreedByTheEmergencyCleanupOfRealFilesAndTheModelsAreDownloadedAgain() {
    Moon moon = Moon.fresh();
    moon.inject("disk_full", Map.of());
    Path data = moon.dataDir();
    List<Path> tmp = files(data.resolve("tmp"));
    List<Path> oldLogs = named(data.resolve("logs"), "orchestrator.log.");
    List<Path> oldContexts = named(data.resolve("execution_contexts"), "_old_");
    Path oldModel = named(data.resolve("cache"), "shard_").get(0);
    assertThat(tmp).isNotEmpty();
    assertThat(oldLogs).isNotEmpty();
    assertThat(oldContexts).isNotEmpty();
    assertThat(moon.state().path("storage").path("used_percent").asDouble()).isGreaterThan(99.0);

    String id = moon.fire("MiniminimoonDiskFull", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("usage", "streaming_mode", "cleanup", "test_plan", "normal_mode", "precache")
        .doesNotContain("page_disk", "not_enough");
    assertThat(tmp).allSatisfy(f -> assertThat(f).doesNotExist());
    assertThat(oldLogs).allSatisfy(f -> assertThat(f).doesNotExist());
    assertThat(oldContexts).allSatisfy(f -> assertThat(f).doesNotExist());
    assertThat(oldModel).doesNotExist();
    assertThat(data.resolve("logs/orchestrator.log")).exists();
    assertThat(data.resolve("evidence/evidence_registry.json")).exists();
    assertThat(named(data.resolve("results"), "result_")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(data.resolve("cache/spacy/es_core_news_sm/model.bin"))
        .as("downloaded again after the cache was cleared")
        .exists();
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("storage").path("used_percent").asDouble()).isLessThan(80.0);
    assertThat(state.path("storage").path("mode").path("streaming").asBoolean()).isFalse();
    assertThat(moon.requests("/storage/mode"))
        .extracting(r -> r.path("body").path("streaming").asBoolean())
        .containsExactly(true, false);
    assertThat(moon.requests("/storage/cleanup")).hasSize(1);
    assertThat(moon.incidents().size()).isZero();
    assertThat(moon.audit(id)).isEmpty();
  }

  @Test
  void aStaleDiskFullAlertDeletesNothing() {
    Moon moon = Moon.fresh();
    Path model = moon.dataDir().resolve("cache/spacy/es_core_news_sm/model.bin");
    long used = moon.state().path("storage").path("used_bytes").asLong();

    String id = moon.fire("MiniminimoonDiskFull", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(run.path("report").path("message").asText()).contains("0 bytes freed");
    assertThat(model).exists();
    assertThat(moon.state().path("storage").path("used_bytes").asLong())
        .as("the pipeline's own writes aside, nothing deleted")
        .isGreaterThanOrEqualTo(used - 64 * 1024);
    assertThat(moon.state().path("storage").path("mode").path("streaming").asBoolean()).isFalse();
    assertThat(moon.audit(id)).isEmpty();
  }

  @Test
  void diskFullOfResultsIsNotDeletedAndPagesTheOnCallEngineer() {
    Moon moon = Moon.fresh();
    moon.inject("disk_full", Map.of("culprit", "results"));

    String id = moon.fire("MiniminimoonDiskFull", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("usage", "streaming_mode", "cleanup", "page_disk", "not_enough")
        .doesNotContain("test_plan", "normal_mode");
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isFalse();
    assertThat(state.path("storage").path("directories").path("results").asLong())
        .isGreaterThan(10 * MIB);
    assertThat(state.path("storage").path("mode").path("streaming").asBoolean())
        .as("streaming mode stays on while the disk is full")
        .isTrue();
    JsonNode incident = moon.incidents().path(id);
    assertThat(incident.path("severity").asText()).isEqualTo("critical");
    assertThat(incident.path("summary").asText()).contains("results or evidence");
    assertThat(moon.audit(id)).containsExactly("page_disk escalate.trigger oncall delivered");
  }

  @Test
  void almostFullDiskIsCleanedInPriorityOrderAndStopsOnceFifteenPercentIsFree() {
    Moon moon = Moon.fresh();
    moon.inject("disk_partial", Map.of("used_percent", 90));
    Path data = moon.dataDir();
    List<Path> tmp = files(data.resolve("tmp"));
    List<Path> oldLogs = named(data.resolve("logs"), "orchestrator.log.");
    assertThat(tmp).isNotEmpty();
    assertThat(moon.state().path("recovered").asBoolean()).isFalse();

    String id = moon.fire("MiniminimoonDiskAlmostFull", "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("usage", "minimal_storage", "cleanup", "verify", "done")
        .doesNotContain("tell_engineering");
    assertThat(run.path("report").path("message").asText()).contains("cleaning up to tmp");
    assertThat(tmp).allSatisfy(f -> assertThat(f).doesNotExist());
    assertThat(oldLogs).as("priority 2 not needed").allSatisfy(f -> assertThat(f).exists());
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("storage").path("free_percent").asDouble()).isGreaterThan(15.0);
    JsonNode mode = state.path("storage").path("mode");
    assertThat(mode.path("cache_embeddings").asBoolean()).isFalse();
    assertThat(mode.path("save_intermediate").asBoolean()).isFalse();
    assertThat(mode.path("log_level").asText()).isEqualTo("WARNING");
    assertThat(moon.requests("/storage/cleanup")).hasSize(1);
    assertThat(moon.audit(id)).isEmpty();
  }

  @Test
  void almostFullDiskOfCompressedResultsGoesToEngineering() {
    Moon moon = Moon.fresh();
    moon.inject("disk_partial", Map.of("used_percent", 92, "culprit", "results"));

    String id = moon.fire("MiniminimoonDiskAlmostFull", "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("cleanup", "tell_engineering", "not_stable")
        .doesNotContain("verify");
    assertThat(named(moon.dataDir().resolve("results"), "result_archive_")).isNotEmpty();
    assertThat(moon.state().path("storage").path("used_percent").asDouble()).isGreaterThan(85.0);
    assertThat(moon.engineeringMessages())
        .singleElement()
        .asString()
        .contains("results need archiving");
    assertThat(moon.incidents().size()).isZero();
    assertThat(moon.audit(id))
        .containsExactly("tell_engineering escalate.trigger engineering delivered");
  }
}
