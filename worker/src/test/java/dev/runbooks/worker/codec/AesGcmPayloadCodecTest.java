package dev.runbooks.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {
  private static final byte[] KEY_A =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEY_B =
      "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

  private static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  @Test
  void encryptsWithARandomIvAndDecryptsBack() {
    var codec = new AesGcmPayloadCodec("a", Map.of("a", KEY_A));
    Payload plain = json("{\"password\":\"hunter2\"}");
    List<Payload> once = codec.encode(List.of(plain));
    List<Payload> twice = codec.encode(List.of(plain));
    assertThat(once.get(0).getData()).isNotEqualTo(twice.get(0).getData());
    assertThat(once.get(0).getData().toStringUtf8()).doesNotContain("hunter2");
    assertThat(once.get(0).getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("a");
    assertThat(codec.decode(once)).containsExactly(plain);
    assertThat(codec.decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void rotatesKeysAndRefusesTamperingOrUnknownKeys() {
    var old = new AesGcmPayloadCodec("a", Map.of("a", KEY_A));
    var rotated = new AesGcmPayloadCodec("b", Map.of("a", KEY_A, "b", KEY_B));
    Payload plain = json("\"x\"");
    List<Payload> sealedWithA = old.encode(List.of(plain));
    assertThat(rotated.decode(sealedWithA)).containsExactly(plain);
    assertThat(rotated.encode(List.of(plain)).get(0).getMetadataMap().get("encryption-key-id"))
        .isEqualTo(ByteString.copyFromUtf8("b"));

    var onlyB = new AesGcmPayloadCodec("b", Map.of("b", KEY_B));
    assertThatThrownBy(() -> onlyB.decode(sealedWithA))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key 'a', which is not configured");

    byte[] data = sealedWithA.get(0).getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealedWithA.get(0).toBuilder().setData(ByteString.copyFrom(data)).build();
    assertThatThrownBy(() -> old.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("failed authentication");
    assertThatThrownBy(() -> new AesGcmPayloadCodec("a", Map.of("a", new byte[16])))
        .hasMessageContaining("AES-256 needs 32");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunsHistoryHoldsNoReadableInputsOrResults() {
    var converter =
        new CodecDataConverter(
            DefaultDataConverter.newDefaultInstance(),
            List.of(new AesGcmPayloadCodec("a", Map.of("a", KEY_A))));
    String yaml =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: confidential}
        inputs:
          customer: {type: string, required: true}
        steps:
          - id: note
            log: "handling ${{ inputs.customer }}"
        """;
    var plan = RunbookCompiler.standard().compile(yaml, "confidential.yaml").orThrow();
    RunbookSource source =
        new RunbookSource(plan.name(), plan.version(), "confidential.yaml", yaml);
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
    try {
      RunbookSearchAttributes.definitions().forEach(env::registerSearchAttribute);
      Worker worker =
          env.newWorker(
              RunbookWorkflow.TASK_QUEUE,
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
      worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
      RunbookSourceActivities sources = name -> source;
      worker.registerActivitiesImplementations(
          new ActionActivities(StepEnvironment.defaults()), sources);
      env.start();
      WorkflowStub run =
          env.getWorkflowClient()
              .newUntypedWorkflowStub(
                  "confidential",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                      .setWorkflowId("runbook/confidential/1")
                      .build());
      run.start(Map.of("customer", "ACME-CONFIDENTIAL-7731"));
      Map<String, Object> report = run.getResult(Map.class);
      assertThat(report.toString()).contains("handling ACME-CONFIDENTIAL-7731");

      String history = env.getWorkflowClient().fetchHistory("runbook/confidential/1").toJson(false);
      String decoded = decodedPayloads(history);
      assertThat(decoded).doesNotContain("ACME-CONFIDENTIAL-7731").doesNotContain("handling");
      assertThat(history).doesNotContain("ACME-CONFIDENTIAL-7731");
    } finally {
      env.close();
    }
  }

  private static String decodedPayloads(String historyJson) {
    StringBuilder out = new StringBuilder();
    Matcher m = Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"").matcher(historyJson);
    while (m.find()) {
      out.append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.ISO_8859_1));
      out.append('\n');
    }
    return out.toString();
  }
}
