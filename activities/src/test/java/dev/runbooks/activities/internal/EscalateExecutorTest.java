package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.activities.EscalationRoutes;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code escalate} step against {@link EscalationReceiver}, a local HTTP receiver that stands
 * in for PagerDuty's Events API v2, Slack and Teams webhooks (SaaS endpoints these tests cannot
 * reach): it checks the exact payloads each route posts, throttling, server errors, rejections,
 * that secrets never leak, and that a retried escalation is not posted twice.
 */
class EscalateExecutorTest {
  /** The run's page under the default public URL: every message links to it. */
  private static final String RUN_PAGE = "http://localhost:8080/ui/runs/wf-1";

  /** The runbook's page under the default public URL. */
  private static final String RUNBOOK_PAGE = "http://localhost:8080/ui/runbooks/test-runbook";

  private static final String KEY = "R0UT1NGKEY0123456789abcdef";
  private EscalationReceiver receiver;
  private final EscalateExecutor executor =
      new EscalateExecutor(StepEnvironment.defaults().withEnvironment(Map.of("PD_KEY", KEY)::get));

  @BeforeEach
  void start() throws IOException {
    receiver = new EscalationReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Map<String, Object> pagerDuty(Object... more) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("route", "pagerduty");
    c.put("url", receiver.url("/v2/enqueue"));
    c.put("routingKey", Map.of("secretRef", "env:PD_KEY"));
    c.put("severity", "critical");
    c.put("summary", "JARVIS breaker model_generation re-opened after reset");
    for (int i = 0; i < more.length; i += 2) {
      c.put((String) more[i], more[i + 1]);
    }
    return c;
  }

  /** What {@code ${{ steps }}} renders to: each step's status, outputs, result and error. */
  private static Map<String, Object> steps() {
    Map<String, Object> breakers = new HashMap<>();
    breakers.put("status", "succeeded");
    breakers.put("outputs", Map.of("open", List.of("model_generation")));
    breakers.put("result", Map.of("circuits", List.of(), "openCount", 1L));
    breakers.put("error", null);
    Map<String, Object> memory = new HashMap<>();
    memory.put("status", "succeeded");
    memory.put("outputs", Map.of());
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("query", "jarvis_memory_percent");
    evidence.put("durationMs", 4L);
    memory.put("result", Map.of("value", 91.5, "evidence", evidence));
    memory.put("error", null);
    Map<String, Object> verify = new HashMap<>();
    verify.put("status", "failed");
    verify.put("outputs", Map.of());
    verify.put("result", null);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "BreakerReopened");
    error.put("message", "re-opened");
    verify.put("error", error);
    Map<String, Object> steps = new LinkedHashMap<>();
    steps.put("breakers", breakers);
    steps.put("memory", memory);
    steps.put("verify", verify);
    Map<String, Object> self = new HashMap<>();
    self.put("status", "running");
    self.put("outputs", Map.of());
    self.put("result", null);
    self.put("error", null);
    steps.put("step_1", self);
    return steps;
  }

  private Map<String, Object> run(Map<String, Object> config, int attempt) {
    return executor.execute(request("escalate", config), new StepContext(attempt, d -> {}));
  }

  @Test
  void pagerDutyTriggerHasTheEventsV2ShapeWithStepsCutToEvidence() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("circuit", "model_generation");
    details.put("steps", steps());
    Map<String, Object> result = run(pagerDuty("details", details), 1);

    assertThat(result)
        .isEqualTo(
            Map.of(
                "route",
                "pagerduty",
                "action",
                "trigger",
                "delivered",
                true,
                "status",
                202L,
                "dedupKey",
                "wf-1",
                "attempt",
                1L,
                "endpoint",
                receiver.url("/v2/enqueue"),
                "duplicateSuppressed",
                false));
    assertThat(receiver.received()).hasSize(1);
    var sent = receiver.received().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.contentType()).isEqualTo("application/json");
    assertThat(sent.json())
        .isEqualTo(
            Map.of(
                "routing_key",
                KEY,
                "event_action",
                "trigger",
                "dedup_key",
                "wf-1",
                "client",
                "Runbook engine",
                "client_url",
                RUN_PAGE,
                "links",
                List.of(
                    Map.of("href", RUN_PAGE, "text", "Run"),
                    Map.of("href", RUNBOOK_PAGE, "text", "Runbook")),
                "payload",
                Map.of(
                    "summary", "JARVIS breaker model_generation re-opened after reset",
                    "source", "test-runbook",
                    "severity", "critical",
                    "component", "test-runbook",
                    "custom_details",
                        Map.of(
                            "circuit", "model_generation",
                            "steps",
                                Map.of(
                                    "breakers",
                                    Map.of(
                                        "status",
                                        "succeeded",
                                        "outputs",
                                        Map.of("open", List.of("model_generation"))),
                                    "memory",
                                    Map.of(
                                        "status",
                                        "succeeded",
                                        "evidence",
                                        Map.of("query", "jarvis_memory_percent", "durationMs", 4L)),
                                    "verify",
                                    Map.of(
                                        "status",
                                        "failed",
                                        "error",
                                        Map.of("type", "BreakerReopened", "message", "re-opened"))),
                            "runbook", "test-runbook",
                            "workflowId", "wf-1",
                            "step", "step_1"))));
    assertThat(result.toString()).doesNotContain(KEY);
  }

  @Test
  void pagerDutyResolveSendsOnlyTheKeyAndAction() {
    run(pagerDuty("action", "resolve", "dedupKey", "jarvis/model_generation"), 1);

    assertThat(receiver.received().get(0).json())
        .isEqualTo(
            Map.of(
                "routing_key", KEY,
                "event_action", "resolve",
                "dedup_key", "jarvis/model_generation"));
  }

  @Test
  void slackMessageHasTextAndBlocksAndTheUrlStaysSecret(@TempDir Path dir) throws IOException {
    String secretPath = "/services/T000/B000/XXXXSECRETXXXX";
    Path file = dir.resolve("slack-webhook");
    Files.writeString(file, receiver.url(secretPath) + "\n");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", "slack");
    config.put("url", Map.of("secretRef", "file:" + file));
    config.put("severity", "warning");
    config.put("summary", "JARVIS breaker model_generation is open");
    config.put("details", Map.of("circuit", "model_generation"));
    config.put("links", List.of(Map.of("href", "http://ui/run/1", "text", "Run")));

    Map<String, Object> result = run(config, 1);

    assertThat(receiver.received().get(0).path()).isEqualTo(secretPath);
    assertThat(receiver.received().get(0).json())
        .isEqualTo(
            Map.of(
                "text",
                "[WARNING] JARVIS breaker model_generation is open",
                "blocks",
                List.of(
                    Map.of(
                        "type",
                        "header",
                        "text",
                        Map.of(
                            "type",
                            "plain_text",
                            "text",
                            "JARVIS breaker model_generation is open")),
                    Map.of(
                        "type",
                        "section",
                        "fields",
                        List.of(
                            Map.of("type", "mrkdwn", "text", "*Severity*\nwarning"),
                            Map.of("type", "mrkdwn", "text", "*Runbook*\ntest-runbook"),
                            Map.of("type", "mrkdwn", "text", "*Run*\nwf-1"),
                            Map.of("type", "mrkdwn", "text", "*Step*\nstep_1"))),
                    Map.of(
                        "type",
                        "section",
                        "text",
                        Map.of("type", "mrkdwn", "text", "*circuit*: model_generation")),
                    Map.of(
                        "type",
                        "section",
                        "text",
                        Map.of(
                            "type",
                            "mrkdwn",
                            "text",
                            "<http://ui/run/1|Run>  <"
                                + RUN_PAGE
                                + "|Run>  <"
                                + RUNBOOK_PAGE
                                + "|Runbook>")),
                    Map.of(
                        "type",
                        "context",
                        "elements",
                        List.of(Map.of("type", "mrkdwn", "text", "dedup key: wf-1"))))));
    assertThat(result.toString()).doesNotContain("XXXXSECRET").contains("file:" + file);
  }

  @Test
  void chatDigestListsStepsWithOutputsErrorsAndEvidence() {
    String digest = EscalationMessages.digest(Map.of("steps", steps()), "step_1");

    assertThat(digest)
        .isEqualTo(
            "*steps*\n"
                + "• breakers: succeeded outputs {\"open\":[\"model_generation\"]}\n"
                + "• memory: succeeded evidence {\"query\":\"jarvis_memory_percent\",\"durationMs\":4}\n"
                + "• verify: failed error {\"type\":\"BreakerReopened\",\"message\":\"re-opened\"}");
  }

  @Test
  void teamsMessageIsAnAdaptiveCardForAWorkflowWebhook() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", "teams");
    config.put("url", receiver.url("/workflows/abc/triggers/manual/paths/invoke"));
    config.put("summary", "JARVIS breaker model_generation is open");
    config.put("dedupKey", "jarvis/model_generation");
    config.put("links", List.of(Map.of("href", "http://ui/run/1", "text", "Open the run")));

    run(config, 1);

    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put(
        "body",
        List.of(
            Map.of(
                "type", "TextBlock",
                "text", "JARVIS breaker model\\_generation is open",
                "weight", "Bolder",
                "size", "Medium",
                "wrap", true),
            Map.of(
                "type",
                "FactSet",
                "facts",
                List.of(
                    Map.of("title", "Severity", "value", "error"),
                    Map.of("title", "Runbook", "value", "test-runbook"),
                    Map.of("title", "Run", "value", "wf-1"),
                    Map.of("title", "Step", "value", "step\\_1"),
                    Map.of("title", "Dedup key", "value", "jarvis/model\\_generation")))));
    card.put(
        "actions",
        List.of(
            Map.of("type", "Action.OpenUrl", "title", "Open the run", "url", "http://ui/run/1"),
            Map.of("type", "Action.OpenUrl", "title", "Run", "url", RUN_PAGE),
            Map.of("type", "Action.OpenUrl", "title", "Runbook", "url", RUNBOOK_PAGE)));
    Map<String, Object> attachment = new HashMap<>();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.put("contentUrl", null);
    attachment.put("content", card);
    assertThat(receiver.received().get(0).json())
        .isEqualTo(Map.of("type", "message", "attachments", List.of(attachment)));
  }

  /** An alert's text that tries to ping everyone or disguise a link, as a runbook would pass it. */
  private static final String HOSTILE =
      "<!channel> <@U024BE7LH> see <https://evil.example/login|https://grafana.example/d/1> & [Grafana](https://evil.example) <at>ops</at>";

  private Map<String, Object> hostile(String route) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", route);
    config.put("url", receiver.url("/" + route));
    config.put("summary", "disk full " + HOSTILE);
    config.put("dedupKey", "k " + HOSTILE);
    config.put("details", Map.of("label " + HOSTILE, "value " + HOSTILE, "steps", steps()));
    config.put(
        "links",
        List.of(
            Map.of("href", "https://evil.example|https://grafana.example", "text", "Grafana"),
            Map.of("href", "https://ui.example/run?a=1&b=2", "text", "Run <!here>"),
            Map.of("href", "javascript:alert(1)", "text", "Click")));
    return config;
  }

  /** Every mrkdwn text (and the top-level text, which Slack also parses) of a Slack message. */
  @SuppressWarnings("unchecked")
  private static List<String> slackTexts(Object json) {
    List<String> out = new java.util.ArrayList<>();
    if (json instanceof Map<?, ?> m) {
      if ("mrkdwn".equals(m.get("type")) && m.get("text") instanceof String t) {
        out.add(t);
      }
      m.values().forEach(v -> out.addAll(slackTexts(v)));
    } else if (json instanceof List<?> l) {
      l.forEach(v -> out.addAll(slackTexts(v)));
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void slackMrkdwnCarriesAlertTextWithoutMentionsOrDisguisedLinks() {
    run(hostile("slack"), 1);

    Map<String, Object> message = (Map<String, Object>) receiver.received().get(0).json();
    List<String> texts = slackTexts(message);
    texts.add((String) message.get("text"));
    assertThat(texts).hasSizeGreaterThan(5);
    String all = String.join("\n", texts);
    // the only '<' left open the runbook's own links, whose address is a web address
    java.util.regex.Matcher open = java.util.regex.Pattern.compile("<([^>]*)>").matcher(all);
    List<String> angles = new java.util.ArrayList<>();
    while (open.find()) {
      angles.add(open.group(1));
    }
    assertThat(angles)
        .containsExactly(
            "https://evil.example%7Chttps://grafana.example|Grafana",
            "https://ui.example/run?a=1&amp;b=2|Run &lt;!here&gt;",
            RUN_PAGE + "|Run",
            RUNBOOK_PAGE + "|Runbook");
    assertThat(all)
        .contains("&lt;!channel&gt; &lt;@U024BE7LH&gt;")
        .contains("&lt;https://evil.example/login|https://grafana.example/d/1&gt; &amp;")
        .contains("Click (javascript:alert(1))")
        .doesNotContain("<!channel>", "<@U024BE7LH>", "<!here>", "<javascript");
    assertThat((String) message.get("text")).startsWith("[ERROR] disk full &lt;!channel&gt;");
    assertThat(texts)
        .anySatisfy(t -> assertThat(t).startsWith("dedup key: k &lt;!channel&gt;"))
        .anySatisfy(
            t ->
                assertThat(t)
                    .contains("*label &lt;!channel&gt;")
                    .contains("*: value &lt;!channel&gt;"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void teamsMarkdownCarriesAlertTextWithoutLinksOrMentions() {
    run(hostile("teams"), 1);

    Map<String, Object> card =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((List<Object>)
                            ((Map<String, Object>) receiver.received().get(0).json())
                                .get("attachments"))
                        .get(0))
                .get("content");
    String body = dev.runbooks.language.expr.Json.write(card.get("body"));
    // no markdown link, mention or Slack-style link survives unescaped (JSON doubles backslashes)
    assertThat(body)
        .doesNotContainPattern("(?<!\\\\\\\\)\\[Grafana(?<!\\\\)\\]\\(")
        .doesNotContainPattern("(?<!\\\\\\\\)<at>")
        .contains("\\\\[Grafana\\\\]\\\\(https://evil.example\\\\)")
        .contains("\\\\<at\\\\>ops\\\\</at\\\\>")
        .contains("Click (javascript:alert\\\\(1\\\\))");
    List<Map<String, Object>> blocks = (List<Map<String, Object>>) card.get("body");
    assertThat(blocks.get(0).get("text"))
        .isEqualTo("disk full " + EscalationMessages.teamsEscape(HOSTILE));
    assertThat(EscalationMessages.teamsEscape(HOSTILE))
        .isEqualTo(
            "\\<\\!channel\\> \\<@U024BE7LH\\> see \\<https://evil.example/login\\|https://grafana.example/d/1\\>"
                + " & \\[Grafana\\]\\(https://evil.example\\) \\<at\\>ops\\</at\\>");
    // buttons are plain titles; only web addresses become buttons
    assertThat((List<Object>) card.get("actions"))
        .isEqualTo(
            List.of(
                Map.of(
                    "type",
                    "Action.OpenUrl",
                    "title",
                    "Grafana",
                    "url",
                    "https://evil.example|https://grafana.example"),
                Map.of(
                    "type",
                    "Action.OpenUrl",
                    "title",
                    "Run <!here>",
                    "url",
                    "https://ui.example/run?a=1&b=2"),
                Map.of("type", "Action.OpenUrl", "title", "Run", "url", RUN_PAGE),
                Map.of("type", "Action.OpenUrl", "title", "Runbook", "url", RUNBOOK_PAGE)));
  }

  @Test
  void escapingKeepsListMarkersAndEntitiesWhole() {
    assertThat(EscalationMessages.teamsEscape("- a\n1. b\n  + c\nx-y 2.5"))
        .isEqualTo("\\- a\n1\\. b\n  \\+ c\nx-y 2.5");
    assertThat(EscalationMessages.slackEscape("a & b <c>")).isEqualTo("a &amp; b &lt;c&gt;");
    String cut = EscalationMessages.cutEscaped("x".repeat(8) + "&amp;tail", 11);
    assertThat(cut).isEqualTo("x".repeat(8) + "…");
    assertThat(EscalationMessages.cutEscaped("abcdefg\\*tail", 9)).isEqualTo("abcdefg…");
  }

  @Test
  void genericWebhookGetsPlainJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", "webhook");
    config.put("url", receiver.url("/hooks/oncall"));
    config.put("summary", "breaker open");
    config.put("details", Map.of("openCount", 2L));

    run(config, 1);

    assertThat(receiver.received().get(0).json())
        .isEqualTo(
            Map.of(
                "summary", "breaker open",
                "severity", "error",
                "dedupKey", "wf-1",
                "runbook", "test-runbook",
                "workflowId", "wf-1",
                "step", "step_1",
                "details", Map.of("openCount", 2L),
                "links",
                    List.of(
                        Map.of("href", RUN_PAGE, "text", "Run"),
                        Map.of("href", RUNBOOK_PAGE, "text", "Runbook"))));
  }

  @Test
  void throttledIsRetryableAfterTheEndpointsRetryAfter() {
    receiver.then(429, Map.of("Retry-After", "7"), "{\"status\":\"throttle event\"}");

    var failure = failure(executor, pagerDuty(), StepFailures.ESCALATION_THROTTLED, true);

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.getOriginalMessage()).contains("429").contains("retrying after 7s");
  }

  @Test
  void serverErrorIsRetryableAndTheNextAttemptDelivers() {
    receiver.then(500, Map.of(), "{\"status\":\"internal error\"}");

    var failure = failure(executor, pagerDuty(), StepFailures.ESCALATION_UNAVAILABLE, true);
    assertThat(failure.getOriginalMessage()).contains("answered 500");
    Map<String, Object> second = run(pagerDuty(), 2);

    assertThat(second).containsEntry("delivered", true).containsEntry("attempt", 2L);
    assertThat(receiver.received()).hasSize(2);
    assertThat(receiver.received().get(1).json().toString()).contains("dedup_key=wf-1");
  }

  @Test
  void rejectionIsNonRetryableAndNeverShowsTheSecret() {
    receiver.then(
        400,
        Map.of(),
        "{\"status\":\"invalid event\",\"errors\":[\"routing_key " + KEY + " is not valid\"]}");

    var failure = failure(executor, pagerDuty(), StepFailures.ESCALATION_REJECTED, false);

    assertThat(failure.getOriginalMessage())
        .contains("400")
        .contains("routing_key *** is not valid")
        .doesNotContain(KEY);
  }

  @Test
  void missingSecretIsSecretUnavailableNamingOnlyTheReference() {
    Map<String, Object> config = pagerDuty("routingKey", Map.of("secretRef", "env:NOT_SET"));

    var failure = failure(executor, config, StepFailures.SECRET_UNAVAILABLE, false);

    assertThat(failure.getOriginalMessage()).contains("env:NOT_SET");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void aRetriedAttemptAfterADeliveryDoesNotPostAgain() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", "slack");
    config.put("url", receiver.url("/services/x"));
    config.put("summary", "JARVIS breaker open");
    List<Object> beats = new CopyOnWriteArrayList<>();
    executor.execute(request("escalate", config), new StepContext(1, beats::add));
    assertThat(beats).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> recorded = (Map<String, Object>) beats.get(0);

    Map<String, Object> retried =
        executor.execute(
            request("escalate", config), new StepContext(2, d -> {}, () -> Optional.of(recorded)));

    assertThat(receiver.received()).hasSize(1);
    assertThat(retried)
        .containsEntry("delivered", true)
        .containsEntry("duplicateSuppressed", true)
        .containsEntry("status", 202L)
        .containsEntry("attempt", 2L);
  }

  @Test
  void badConfigIsInvalidStepConfig() {
    failure(executor, pagerDuty("routingKey", KEY), StepFailures.INVALID_STEP_CONFIG, false);
    failure(
        executor,
        Map.of("route", "slack", "summary", "s"),
        StepFailures.INVALID_STEP_CONFIG,
        false);
    assertThat(
            failure(
                    executor,
                    pagerDuty("autoResolve", "no"),
                    StepFailures.INVALID_STEP_CONFIG,
                    false)
                .getOriginalMessage())
        .contains("autoResolve", "must be true or false");
    assertThat(
            failure(
                    executor,
                    pagerDuty("ladder", List.of(Map.of("route", "oncall"))),
                    StepFailures.INVALID_STEP_CONFIG,
                    false)
                .getOriginalMessage())
        .contains("ladder", "one tier at a time");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void anApprovalNotificationLinksToTheApiAtItsPublicAddress() {
    EscalateExecutor linked =
        new EscalateExecutor(
            StepEnvironment.defaults()
                .withEnvironment(Map.of("PD_KEY", KEY)::get)
                .withApiUrl(" https://runbooks.example.com/ "));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", "webhook");
    config.put("url", receiver.url("/hook"));
    config.put("summary", "Approval needed: purge?");
    config.put("details", Map.of("question", "purge?"));
    config.put("links", List.of(Map.of("href", "https://grafana/d/dlq", "text", "DLQ")));
    config.put("approvalFor", "ok_to_purge");
    linked.execute(
        new dev.runbooks.language.steps.ActionRequest(
            "dlq", "runbook/dlq/a b", "ok_to_purge", "escalate", config),
        StepContext.detached());

    Map<String, Object> body = (Map<String, Object>) receiver.received().get(0).json();
    String run = "https://runbooks.example.com/api/runs/runbook/dlq/a%20b";
    assertThat(body.get("links"))
        .isEqualTo(
            List.of(
                Map.of("href", run + "/approve", "text", "Approve"),
                Map.of("href", run + "/reject", "text", "Reject"),
                Map.of("href", "https://grafana/d/dlq", "text", "DLQ"),
                Map.of(
                    "href",
                    "https://runbooks.example.com/ui/runs/runbook/dlq/a%20b",
                    "text",
                    "Run"),
                Map.of("href", "https://runbooks.example.com/ui/runbooks/dlq", "text", "Runbook")));
    assertThat(((Map<String, Object>) body.get("details")).get("decide").toString())
        .contains("POST " + run + "/approve (or /reject)", "\"step\": \"ok_to_purge\"")
        .contains("bin/runbook approve|reject runbook/dlq/a b --step ok_to_purge");
    assertThat(((Map<String, Object>) body.get("details"))).containsEntry("question", "purge?");
  }

  @Test
  void aPublicApiAddressThatIsNotAUrlIsRefused() {
    assertThatThrownBy(
            () ->
                new EscalateExecutor(
                    StepEnvironment.defaults().withEnvironment(k -> null).withApiUrl("api")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runbook.api.public-url must be an absolute http:// or https:// URL");
  }

  @Test
  void withoutApprovalForAMessageHasOnlyItsOwnLinks() {
    run(pagerDuty("links", List.of(Map.of("href", "https://x/y"))), 1);

    assertThat(receiver.received().get(0).body()).doesNotContain("/approve", "decide");
  }

  @Test
  void autoResolveIsForTheWorkflowAndDoesNotChangeTheEvent() {
    run(pagerDuty("autoResolve", false, "dedupKey", "k"), 1);

    assertThat(receiver.received().get(0).json().toString())
        .contains("event_action=trigger", "dedup_key=k")
        .doesNotContain("autoResolve");
  }

  @Test
  void aNamedRouteTakesItsEndpointAndKeyFromTheWorkerConfiguration() {
    EscalationRoutes routes =
        EscalationRoutes.of(
            Map.of(
                "oncall",
                new EscalationRoutes.Definition(
                    "pagerduty", receiver.url("/v2/enqueue"), "env:PD_KEY"),
                "engineering",
                new EscalationRoutes.Definition("slack", receiver.url("/slack/eng"), null)));
    EscalateExecutor named =
        new EscalateExecutor(
            StepEnvironment.defaults()
                .withEnvironment(Map.of("PD_KEY", KEY)::get)
                .withRoutes(routes));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", "oncall");
    config.put("severity", "critical");
    config.put("summary", "two circuits open");

    Map<String, Object> result =
        named.execute(request("escalate", config), new StepContext(1, d -> {}));

    assertThat(result)
        .containsEntry("route", "pagerduty")
        .containsEntry("routeName", "oncall")
        .containsEntry("delivered", true);
    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().get(0).path()).isEqualTo("/v2/enqueue");
    assertThat(receiver.received().get(0).json().toString())
        .contains("routing_key=" + KEY)
        .contains("summary=two circuits open");

    config.put("route", "engineering");
    named.execute(request("escalate", config), new StepContext(1, d -> {}));
    assertThat(receiver.received().get(1).path()).isEqualTo("/slack/eng");

    config.put("route", "nowhere");
    failure(named, config, StepFailures.INVALID_STEP_CONFIG, false);
    config.put("route", "oncall");
    config.put("url", "https://elsewhere.example/x");
    failure(named, config, StepFailures.INVALID_STEP_CONFIG, false);
    assertThat(receiver.received()).hasSize(2);
  }

  @Test
  void unknownRouteNamesTheConfiguredOnes() {
    EscalationRoutes routes =
        EscalationRoutes.of(
            Map.of("oncall", new EscalationRoutes.Definition("pagerduty", null, "env:PD_KEY")));
    EscalateExecutor named =
        new EscalateExecutor(
            StepEnvironment.defaults()
                .withEnvironment(Map.of("PD_KEY", KEY)::get)
                .withRoutes(routes));
    assertThatThrownBy(
            () ->
                named.execute(
                    request("escalate", Map.of("route", "pager", "summary", "s")),
                    new StepContext(1, d -> {})))
        .hasMessageContaining(
            "unknown route 'pager': the worker configures [oncall] (runbook.routes.<name>)");
  }

  @Test
  void badRouteDefinitionsAreRefusedTogether() {
    Map<String, EscalationRoutes.Definition> bad = new LinkedHashMap<>();
    bad.put("oncall", new EscalationRoutes.Definition("pagerduty", null, "plain-key"));
    bad.put("eng", new EscalationRoutes.Definition("slack", null, null));
    bad.put("slack", new EscalationRoutes.Definition("slack", "https://hooks/x", null));
    bad.put("x", new EscalationRoutes.Definition("sms", "https://h/x", null));
    assertThatThrownBy(() -> EscalationRoutes.of(bad))
        .hasMessage(
            "bad escalation routes:\n"
                + "  runbook.routes.oncall.routing-key: pagerduty needs the integration key as"
                + " env:NAME or file:/path\n"
                + "  runbook.routes.eng.url: is required for type slack\n"
                + "  runbook.routes.slack: a route name is lower-case letters, digits, '-' and '_'"
                + " and is not one of the types pagerduty, slack, teams, webhook\n"
                + "  runbook.routes.x.type: must be one of pagerduty, slack, teams, webhook");
  }
}
