package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.GuardRails;
import dev.runbooks.language.model.LockSpec;
import dev.runbooks.language.model.OnLocked;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.model.Rate;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.StepRails;
import dev.runbooks.language.model.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The guard rails bind to the model records with their defaults, and the schema describes every
 * field. The corpus holds the problems (invalid/rails-*).
 */
class RailsBindingTest {
  private static final Path EVERY_FIELD =
      Path.of("src/test/resources/corpus/valid/guard-rails-every-field.yaml");

  private static CompiledRunbook compile(String yaml) {
    return RunbookCompiler.standard().compile(yaml, "x.yaml").orThrow();
  }

  @Test
  void everyRailBindsToItsRecord() throws IOException {
    CompiledRunbook compiled =
        RunbookCompiler.standard().compile(Files.readString(EVERY_FIELD), "f.yaml").orThrow();
    Runbook runbook = compiled.definition();
    GuardRails rails = runbook.rails();

    assertThat(rails.autonomy()).isEqualTo(Autonomy.APPROVE);
    assertThat(rails.limits().runs()).isEqualTo(new Rate(10, Duration.ofHours(1)));
    assertThat(rails.limits().perTarget().key()).isEqualTo("${{ alert.labels.instance }}");
    assertThat(rails.limits().perTarget().runs()).isEqualTo(new Rate(2, Duration.ofHours(1)));
    assertThat(rails.limits().trip()).isTrue();
    assertThat(rails.lock())
        .isEqualTo(
            new LockSpec("service/${{ inputs.service }}", OnLocked.SKIP, Duration.ofMinutes(5)));
    assertThat(rails.guards())
        .extracting(s -> s.id() + ":" + s.type() + ":" + s.path())
        .containsExactly(
            "error_budget:prometheus:guards[0]",
            "peer_up:http:guards[1]",
            "peer_port:tcp:guards[2]",
            "disk_free:command:guards[3]");
    assertThat(compiled.stepsById()).containsKeys("error_budget", "tell_guarded", "disk_free");
    assertThat(compiled.stepsById().get("bounce").rails())
        .isEqualTo(
            new StepRails(
                new LockSpec("restart/${{ inputs.service }}", OnLocked.WAIT, Duration.ofMinutes(2)),
                new Rate(3, Duration.ofHours(1))));
    assertThat(compiled.stepsById().get("drain").rails().lock())
        .isEqualTo(
            new LockSpec(
                "lb/${{ inputs.service }}/${{ steps.probe.result.exitCode }}",
                OnLocked.FAIL,
                LockSpec.DEFAULT_TIMEOUT));
    assertThat(compiled.stepsById().get("clean").rails())
        .isEqualTo(new StepRails(null, new Rate(1, Duration.ofDays(1))));
    assertThat(compiled.stepsById().get("probe").rails()).isSameAs(StepRails.NONE);
    Trigger trigger = runbook.triggers().get(0);
    assertThat(trigger.maxAge()).isEqualTo(Duration.ofMinutes(30));
    assertThat(trigger.onResolved()).isEqualTo(OnResolved.STOP_BEFORE_MUTATION);
  }

  @Test
  void aRunbookWithoutRailsHasTheDefaults() {
    CompiledRunbook compiled =
        compile(
            """
            apiVersion: runbooks.dev/v1
            kind: Runbook
            metadata: {name: plain}
            triggers:
              - alertname: X
            steps:
              - id: note
                log: hi
            """);

    assertThat(compiled.definition().rails()).isEqualTo(GuardRails.NONE);
    assertThat(compiled.stepsById().get("note").rails()).isSameAs(StepRails.NONE);
    assertThat(compiled.definition().triggers().get(0).maxAge()).isNull();
  }

  @Test
  void theLockTimeoutBesideARunbookLockAndTheDefaultOnLockedApply() {
    Runbook runbook =
        compile(
                """
                apiVersion: runbooks.dev/v1
                kind: Runbook
                metadata: {name: locked}
                lock: deploys
                lockTimeout: 90s
                autonomy: dry-run
                steps:
                  - id: note
                    log: hi
                """)
            .definition();

    assertThat(runbook.rails().lock())
        .isEqualTo(new LockSpec("deploys", OnLocked.WAIT, Duration.ofSeconds(90)));
    assertThat(runbook.rails().autonomy()).isEqualTo(Autonomy.DRY_RUN);
    assertThat(runbook.rails().limits()).isNull();
  }

  @Test
  void theSchemaDescribesEveryRail() {
    JsonNode schema = RunbookSchema.schema();
    JsonNode root = schema.get("properties");
    JsonNode step = schema.get("$defs").get("step").get("properties");

    for (String field : new String[] {"autonomy", "limits", "lock", "onLocked", "lockTimeout"}) {
      assertThat(root.get(field).get("description").asText()).as(field).isNotBlank();
    }
    assertThat(root.get("guards").get("$ref").asText()).isEqualTo("#/$defs/steps");
    assertThat(root.get("autonomy").get("enum"))
        .extracting(JsonNode::asText)
        .containsExactly("auto", "approve", "dry-run");
    for (String field : new String[] {"lock", "onLocked", "lockTimeout", "maxTargets"}) {
      assertThat(step.get(field).get("description").asText()).as(field).isNotBlank();
    }
    JsonNode trigger = schema.get("$defs").get("trigger").get("properties");
    assertThat(trigger.get("maxAge").get("description").asText()).contains("stale");
    assertThat(trigger.get("onResolved").get("enum"))
        .extracting(JsonNode::asText)
        .contains("stopBeforeMutation");
    JsonNode command = schema.get("$defs").get("action-command").get("properties");
    assertThat(command.get("mutating").get("type").asText()).isEqualTo("boolean");
    assertThat(schema.get("$defs").get("lock").get("properties").has("timeout")).isTrue();
  }
}
