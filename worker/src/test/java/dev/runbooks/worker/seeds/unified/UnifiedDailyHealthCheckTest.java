package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-daily-health-check: Maintenance, Daily Tasks. */
class UnifiedDailyHealthCheckTest {

  @Test
  void aHealthySystemNeedsNothing() {
    Unified u = Unified.fresh();

    String id = u.h.start("unified-daily-health-check", Map.of("base_url", u.base));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("health", "config", "disk", "disk_after", "all_good")
        .doesNotContain("rotate_logs", "report_problems");
    assertThat(u.requests()).isEmpty();
    assertThat(u.engineering().size()).isZero();
  }

  @Test
  void aDiskFullOfLogsIsFixedByRotatingThem() {
    Unified u = Unified.fresh();
    u.inject("disk_full", Map.of("logsGb", 110));

    String id = u.h.start("unified-daily-health-check", Map.of("base_url", u.base));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("rotate_logs", "all_good")
        .doesNotContain("report_problems");
    assertThat(u.requests()).containsExactly("POST /launcher/rotate-logs");
    JsonNode disk = u.state().path("disk");
    assertThat(disk.path("used_percent").asDouble()).isLessThan(85);
    assertThat(disk.path("rotations").asInt()).isEqualTo(1);
    assertThat(u.engineering().size()).isZero();
  }

  @Test
  void whatRotationCannotFixAndAnAgentDownGoToEngineeringInOneMessage() {
    Unified u = Unified.fresh();
    u.inject("disk_full", Map.of("otherGb", 110));
    u.inject("agent_down", Map.of("agent", "WakeWordDetector", "failStarts", -1));

    String id = u.h.start("unified-daily-health-check", Map.of("base_url", u.base));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("rotate_logs", "report_problems", "problems_reported")
        .doesNotContain("all_good");
    assertThat(u.count("POST /launcher/rotate-logs")).isEqualTo(1);
    assertThat(u.state().path("disk").path("used_percent").asDouble()).isGreaterThan(85);
    assertThat(u.engineering().size()).isEqualTo(1);
    assertThat(u.engineering().path(0).path("body").path("text").asText())
        .contains("WakeWordDetector", "after rotating logs");
    assertThat(u.audit(id)).containsExactly("escalate.trigger engineering delivered");
    assertThat(u.incidents().size()).isZero();
  }
}
