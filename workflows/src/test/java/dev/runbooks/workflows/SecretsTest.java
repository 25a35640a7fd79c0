package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets are referenced, resolved inside the activity, masked in what comes back, and never part
 * of the run's history.
 */
class SecretsTest extends WorkflowTestBase {

  @Test
  @SuppressWarnings("unchecked")
  void aSecretReachesTheServerButNeverTheHistoryOrTheReport() {
    String yaml =
        header("with-secret")
            + """
            steps:
              - id: call
                http:
                  url: "${{ inputs.base }}/echo"
                  headers:
                    Authorization: "Bearer ${{ secrets.API_TOKEN }}"
                outputs:
                  seen: result.body.authorization
              - id: say
                log: "the server saw ${{ steps.call.outputs.seen }}"
            """;
    WorkflowStub run = env.start(env.publish(yaml), Map.of("base", http.url()));
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(http.lastAuthorization).isEqualTo("Bearer " + RunbookTestEnv.SECRET_VALUE);
    assertThat(step(report, "call").get("outputs")).isEqualTo(Map.of("seen", "Bearer ***"));
    assertThat(step(report, "say").get("result").toString()).contains("the server saw Bearer ***");

    String history = env.client.fetchHistory(run.getExecution().getWorkflowId()).toJson(false);
    String payloads = decodedPayloads(history);
    assertThat(payloads)
        .contains("Bearer ${{ secrets.API_TOKEN }}", "Bearer ***")
        .doesNotContain(RunbookTestEnv.SECRET_VALUE);
    assertThat(history).doesNotContain(RunbookTestEnv.SECRET_VALUE);
  }

  /** Every payload of an exported history, base64-decoded: what the history really holds. */
  static String decodedPayloads(String historyJson) {
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"").matcher(historyJson);
    while (m.find()) {
      out.append(
              new String(
                  java.util.Base64.getDecoder().decode(m.group(1)),
                  java.nio.charset.StandardCharsets.UTF_8))
          .append('\n');
    }
    return out.toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMissingSecretFailsTheStepWithoutRetriesNamingIt() {
    String yaml =
        header("missing-secret")
            + """
            steps:
              - id: call
                http:
                  url: "${{ inputs.base }}/echo"
                  headers:
                    Authorization: "Bearer ${{ secrets.NOT_SET }}"
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    Map<String, Object> error = (Map<String, Object>) step(report, "call").get("error");
    assertThat(error.get("type")).isEqualTo("SecretUnavailable");
    assertThat(error.get("message").toString()).contains("secret 'NOT_SET' is not set");
    assertThat(http.hits("/echo")).isZero();
  }
}
