package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sleep whose duration is a template: from an input, as text or seconds, or failing clearly. */
class SleepTemplateTest extends WorkflowTestBase {
  private static final String YAML =
      header("pause")
          + """
            steps:
              - id: pause
                sleep: "${{ inputs.cause == 'seconds' ? 90 : inputs.cause }}"
              - id: after
                log: done
            """;

  @Test
  void sleepsForTheRenderedDuration() {
    Map<String, Object> report = env.run(YAML, Map.of("base", http.url(), "cause", "15m"));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "pause").get("result")).isEqualTo(Map.of("sleptMs", 900_000));
    assertThat(((Number) report.get("durationMs")).longValue()).isGreaterThanOrEqualTo(900_000);
  }

  @Test
  void aNumberIsSeconds() {
    Map<String, Object> report = env.run(YAML, Map.of("base", http.url(), "cause", "seconds"));

    assertThat(step(report, "pause").get("result")).isEqualTo(Map.of("sleptMs", 90_000));
  }

  @Test
  @SuppressWarnings("unchecked")
  void somethingThatIsNotADurationFailsTheStepNamingTheValue() {
    Map<String, Object> report = env.run(YAML, Map.of("base", http.url(), "cause", "soon"));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(report.get("failedStep")).isEqualTo("pause");
    Map<String, Object> error = (Map<String, Object>) step(report, "pause").get("error");
    assertThat(error.get("type")).isEqualTo("InvalidDuration");
    assertThat((String) error.get("message"))
        .contains("gave soon")
        .contains("invalid duration 'soon'");
    assertThat(report.get("steps").toString()).doesNotContain("after");
  }
}
