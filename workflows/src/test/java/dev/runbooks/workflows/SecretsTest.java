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

  /**
   * Issue 13: a {@code ${{ secrets.NAME }}} that arrives as data (an alert label, an input, a step
   * output, an expression's result, a whole map of labels) is sent as that literal text, while the
   * one reference the runbook's source wrote still resolves.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aSecretReferenceInAlertOrInputDataIsSentAsTextNeverResolved() throws Exception {
    String reference = "${{ secrets.API_TOKEN }}";
    http.bodies.put("leak", "{\"v\":\"" + reference + "\"}");
    String yaml =
        header("secret-in-data")
            + """
            steps:
              - id: fetch
                http:
                  url: "${{ inputs.base }}/json/leak"
                outputs:
                  v: result.body.v
              - id: send
                http:
                  url: "${{ inputs.base }}/echo"
                  method: POST
                  headers:
                    Authorization: "${{ alert.labels.key }}"
                  body:
                    label: "${{ alert.labels.key }}"
                    mixed: "label=${{ alert.labels.key }} input=${{ inputs.cause }}"
                    input: "${{ inputs.cause }}"
                    output: "${{ steps.fetch.outputs.v }}"
                    expr: "${{ 'k=' + alert.labels.key }}"
                    labels: "${{ alert.labels }}"
                    source: "from source ${{ secrets.API_TOKEN }} and label ${{ alert.labels.key }}"
            """;
    WorkflowStub run =
        env.start(
            env.publish(yaml),
            Map.of("base", http.url(), "cause", reference),
            Map.of("alert", Map.of("labels", Map.of("key", reference))));
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");

    assertThat(http.lastAuthorization).isEqualTo(reference);
    Map<String, Object> sent =
        dev.runbooks.language.expr.Json.mapper()
            .readValue(http.received.get("/echo").get(0), Map.class);
    assertThat(sent)
        .containsEntry("label", reference)
        .containsEntry("mixed", "label=" + reference + " input=" + reference)
        .containsEntry("input", reference)
        .containsEntry("output", reference)
        .containsEntry("expr", "k=" + reference)
        .containsEntry("labels", Map.of("key", reference))
        .containsEntry(
            "source", "from source " + RunbookTestEnv.SECRET_VALUE + " and label " + reference);
    assertThat(http.received.get("/echo").get(0)).containsOnlyOnce(RunbookTestEnv.SECRET_VALUE);

    String history = env.client.fetchHistory(run.getExecution().getWorkflowId()).toJson(false);
    assertThat(decodedPayloads(history)).doesNotContain(RunbookTestEnv.SECRET_VALUE);
  }

  /** A reference in a ladder tier's url (moved by the ladder into each post) still resolves. */
  @Test
  @SuppressWarnings("unchecked")
  void aSourceReferenceMovedByTheWorkflowStillResolves() {
    String yaml =
        header("secret-in-ladder")
            + """
            steps:
              - id: page
                escalate:
                  summary: "disk full on ${{ inputs.cause }}"
                  ladder:
                    - route: webhook
                      url: "${{ inputs.base }}/hook/${{ secrets.API_TOKEN }}"
                  giveUpAfter: 1m
                onFailure: continue
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url(), "cause", "x"));
    assertThat(report.get("outcome")).as("report %s", report).isIn("resolved", "failed");
    assertThat(http.hits("/hook/" + RunbookTestEnv.SECRET_VALUE)).isEqualTo(1);
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
