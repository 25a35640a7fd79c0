package dev.runbooks.worker.internal;

import dev.runbooks.worker.RunbookApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What the readiness probe ({@code /actuator/health/readiness}) checks, by role: {@code
 * readinessState} and the alert inbox's database ({@code inbox}) always, and {@code temporal} only
 * in the worker role ({@code runbook.worker.enabled}, the default). A starter ({@code
 * runbook.worker.enabled=false}) stays ready while Temporal is away, since alerts then wait in the
 * inbox; taking it out of the load balancer would refuse them instead. An explicit {@code
 * management.endpoint.health.group.readiness.include} wins. Applies to {@link RunbookApplication}
 * only.
 */
public final class ReadinessGroupEnvironment implements EnvironmentPostProcessor {
  static final String INCLUDE = "management.endpoint.health.group.readiness.include";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    // Only the engine's application: another one in the same JVM (a test's OIDC issuer) has no
    // inbox and no Temporal, and Boot refuses a group naming contributors that do not exist.
    if (!application.getAllSources().contains(RunbookApplication.class)
        || environment.containsProperty(INCLUDE)
        || environment.containsProperty(INCLUDE + "[0]")) {
      return;
    }
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "runbookReadinessGroup", Map.of(INCLUDE, String.join(",", members(environment)))));
  }

  /** The readiness group's members for this environment's role. */
  static List<String> members(ConfigurableEnvironment environment) {
    List<String> members = new ArrayList<>(List.of("readinessState"));
    if (environment.getProperty("runbook.intake.enabled", Boolean.class, true)) {
      members.add("inbox");
    }
    if (environment.getProperty("runbook.worker.enabled", Boolean.class, true)) {
      members.add("temporal");
    }
    return members;
  }
}
