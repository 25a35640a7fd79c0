package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.worker.RunbookApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The readiness group's members by role, and who may override them. */
class ReadinessGroupEnvironmentTest {

  private static String readiness(Class<?> application, Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    new ReadinessGroupEnvironment()
        .postProcessEnvironment(environment, new SpringApplication(application));
    return environment.getProperty(ReadinessGroupEnvironment.INCLUDE);
  }

  @Test
  void theWorkerRoleWaitsForTemporalAndTheStarterRoleDoesNot() {
    assertThat(readiness(RunbookApplication.class, Map.of()))
        .isEqualTo("readinessState,inbox,temporal");
    assertThat(readiness(RunbookApplication.class, Map.of("runbook.worker.enabled", "false")))
        .isEqualTo("readinessState,inbox");
  }

  @Test
  void withoutTheInboxReadinessDoesNotNameIt() {
    assertThat(readiness(RunbookApplication.class, Map.of("runbook.intake.enabled", "false")))
        .isEqualTo("readinessState,temporal");
  }

  @Test
  void anExplicitGroupWinsAndOtherApplicationsAreLeftAlone() {
    assertThat(
            readiness(
                RunbookApplication.class,
                Map.of(ReadinessGroupEnvironment.INCLUDE, "readinessState")))
        .isEqualTo("readinessState");
    assertThat(readiness(ReadinessGroupEnvironmentTest.class, Map.of())).isNull();
  }
}
