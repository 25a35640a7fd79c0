package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.Schedule;
import dev.runbooks.language.model.Schedule.Overlap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleBindingTest {
  private static final Path FILE =
      Path.of("src/test/resources/corpus/valid/schedules-every-field.yaml");

  private static List<Schedule> schedules() {
    return RunbookCompiler.standard().compile(FILE).orThrow().definition().schedules();
  }

  @Test
  void bindsEveryField() {
    Schedule daily = schedules().get(0);

    assertThat(daily.id()).isEqualTo("daily-health");
    assertThat(daily.cron()).isEqualTo("0 6 * * *");
    assertThat(daily.every()).isNull();
    assertThat(daily.timezone()).isEqualTo("Europe/Berlin");
    assertThat(daily.inputs())
        .containsExactly(
            Map.entry("deep", false),
            Map.entry("min_free_mb", 800L),
            Map.entry("hosts", List.of("jarvis-1", "jarvis-2")));
    assertThat(daily.overlap()).isEqualTo(Overlap.BUFFER_ONE);
    assertThat(daily.paused()).isFalse();
    assertThat(daily.jitter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(daily.note()).isEqualTo("JARVIS daily health check");
    assertThat(daily.path()).isEqualTo("schedules[0]");
    assertThat(daily.location().line()).isEqualTo(19);
    assertThat(daily.temporalId("scheduled-health-check"))
        .isEqualTo("runbook/scheduled-health-check/daily-health");
  }

  @Test
  void appliesDefaults() {
    List<Schedule> all = schedules();
    Schedule ranged = all.get(2);
    Schedule interval = all.get(4);

    assertThat(all).extracting(Schedule::id).contains("schedule-2", "schedule-3", "schedule-4");
    assertThat(all.get(1).overlap()).isEqualTo(Overlap.TERMINATE_OTHER);
    assertThat(ranged.paused()).isTrue();
    assertThat(ranged.overlap()).isEqualTo(Overlap.SKIP);
    assertThat(ranged.timezone()).isNull();
    assertThat(ranged.jitter()).isZero();
    assertThat(ranged.note()).isNull();
    assertThat(ranged.inputs()).isEmpty();
    assertThat(interval.cron()).isNull();
    assertThat(interval.every()).isEqualTo(Duration.ofHours(12));
    assertThat(interval.jitter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(interval.overlap()).isEqualTo(Overlap.ALLOW_ALL);
    assertThat(new Schedule("x", "@daily", null, null, null, null, false, null, null, null, null))
        .extracting(Schedule::overlap, Schedule::jitter, Schedule::inputs, Schedule::path)
        .containsExactly(Overlap.SKIP, Duration.ZERO, Map.of(), "");
  }

  @Test
  void overlapNamesRoundTrip() {
    assertThat(Arrays.stream(Overlap.values()).map(Overlap::yamlName))
        .containsExactly(
            "skip", "bufferOne", "bufferAll", "cancelOther", "terminateOther", "allowAll");
    for (Overlap o : Overlap.values()) {
      assertThat(Overlap.fromYaml(o.yamlName())).contains(o);
    }
    assertThat(Overlap.fromYaml("BUFFER_ONE")).isEmpty();
  }

  @Test
  void runbooksWithoutSchedulesHaveAnEmptyList() {
    var compiled =
        RunbookCompiler.standard()
            .compile(Path.of("src/test/resources/corpus/valid/hello-http.yaml"))
            .orThrow();

    assertThat(compiled.definition().schedules()).isEmpty();
  }
}
