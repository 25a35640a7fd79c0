package dev.runbooks.language.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.Runbook;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values given at start are checked against {@code pattern}, {@code enum}, min and max. */
class InputConstraintsBindTest {
  private static final String SOURCE =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: constrained}
      inputs:
        service: {pattern: "[a-z][a-z0-9-]*", required: true}
        env: {enum: [staging, production], default: staging}
        replicas: {type: int, min: 1, max: 10, default: 3}
        ratio: {type: number, max: 0.5}
      steps:
        - id: say
          log: hi
      """;

  private static Runbook runbook() {
    Compilation c = RunbookCompiler.standard().compile(SOURCE, "constrained.yaml");
    assertThat(c.problems()).isEmpty();
    return c.orThrow().definition();
  }

  @Test
  void valuesWithinTheConstraintsBind() {
    Map<String, Object> bound =
        InputBinder.bind(
            runbook(), Map.of("service", "web-1", "env", "production", "replicas", 10));
    assertThat(bound).containsEntry("replicas", 10L).containsEntry("env", "production");
  }

  @Test
  void everyValueOutsideItsConstraintIsNamed() {
    InputException e =
        catchThrowableOfType(
            InputException.class,
            () ->
                InputBinder.bind(
                    runbook(),
                    Map.of("service", "Web_1", "env", "prod", "replicas", "0", "ratio", 0.75)));
    assertThat(e.messages())
        .containsExactly(
            "input 'service' must match the pattern [a-z][a-z0-9-]*, not 'Web_1'",
            "input 'env' must be one of 'staging', 'production', not 'prod'",
            "input 'replicas' must be at least 1, not 0",
            "input 'ratio' must be at most 0.5, not 0.75");
  }
}
