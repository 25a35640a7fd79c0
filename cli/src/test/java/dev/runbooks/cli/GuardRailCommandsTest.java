package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import dev.runbooks.language.expr.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard-rail commands ({@code disable}, {@code enable}, {@code limits reset}, {@code autonomy},
 * {@code freeze}, {@code start --force}) against a stand-in of the API: the request each sends,
 * what each prints, and the exit codes of refusals.
 */
class GuardRailCommandsTest {
  private static final String TOKEN = "rbk_" + "G".repeat(43);

  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Result cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--token";
    all[args.length + 1] = TOKEN;
    return api.cli(all);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(FakeApi.Request request) throws Exception {
    return Json.mapper().readValue(request.body(), Map.class);
  }

  @Test
  void disablesARunbookWithAReasonAndAnExpiry() throws Exception {
    api.answer(
        "POST /api/runbooks/jarvis-high-memory/disable", 200, "{\"disabled\":{\"by\":\"alice\"}}");
    Instant before = Instant.now();
    Result done =
        cli("disable", "jarvis-high-memory", "--reason", "deploy in progress", "--until", "2h");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out())
        .contains("disabled automatic starts of jarvis-high-memory until ")
        .contains(": deploy in progress (by alice)")
        .contains("bin/runbook enable jarvis-high-memory");
    FakeApi.Request request = api.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    Map<String, Object> body = body(request);
    assertThat(body).containsEntry("reason", "deploy in progress");
    assertThat(Instant.parse((String) body.get("until")))
        .isBetween(before.plusSeconds(7200 - 5), Instant.now().plusSeconds(7200));
  }

  @Test
  void disablesAndEnablesAllAutomation() throws Exception {
    api.answer("POST /api/automation/disable", 200, "{}");
    api.answer("POST /api/automation/enable", 200, "{}");
    Result off = cli("disable", "--all", "--reason", "incident 42");
    assertThat(off.code()).as(off.err()).isZero();
    assertThat(off.out()).contains("disabled all automatic starts: incident 42");
    assertThat(body(api.requests.get(0))).isEqualTo(Map.of("reason", "incident 42"));

    Result on = cli("enable", "--all", "--reason", "over");
    assertThat(on.code()).as(on.err()).isZero();
    assertThat(on.out()).contains("enabled all automatic starts again");
    assertThat(api.requests.get(1).path()).isEqualTo("/api/automation/enable");
    assertThat(body(api.requests.get(1))).isEqualTo(Map.of("reason", "over"));
  }

  @Test
  void refusesABadCommandLineBeforeAsking() {
    assertThat(cli("disable", "--reason", "x").err()).contains("give a runbook's name or --all");
    assertThat(cli("disable", "a", "--all", "--reason", "x").code()).isEqualTo(64);
    assertThat(cli("disable", "a").err()).contains("--reason");
    Result until = cli("disable", "a", "--reason", "x", "--until", "later");
    assertThat(until.code()).isEqualTo(64);
    assertThat(until.err()).contains("invalid --until 'later'");
    Result mode = cli("autonomy", "a", "yolo", "--reason", "x");
    assertThat(mode.code()).isEqualTo(64);
    assertThat(mode.err()).contains("invalid MODE 'yolo': use one of auto, approve, dry-run");
    assertThat(cli("freeze", "create", "--reason", "x").err()).contains("--until");
    assertThat(api.requests).isEmpty();
  }

  @Test
  void enablesARunbookAndResetsATrip() throws Exception {
    api.answer("POST /api/runbooks/razar-component-restart/enable", 200, "{}");
    api.answer("POST /api/runbooks/razar-component-restart/limits/reset", 200, "{}");
    Result on = cli("enable", "razar-component-restart");
    assertThat(on.code()).as(on.err()).isZero();
    assertThat(on.out()).contains("enabled automatic starts of razar-component-restart again");
    assertThat(body(api.requests.get(0))).isEmpty();

    Result reset = cli("limits", "reset", "razar-component-restart", "--reason", "fixed the disk");
    assertThat(reset.code()).as(reset.err()).isZero();
    assertThat(reset.out()).contains("reset the trip of razar-component-restart");
    assertThat(body(api.requests.get(1))).isEqualTo(Map.of("reason", "fixed the disk"));
  }

  @Test
  void switchesAutonomyAndBackToWhatIsWritten() throws Exception {
    api.answer(
        "PUT /api/runbooks/jarvis/autonomy", 200, "{\"autonomy\":{\"effective\":\"dry-run\"}}");
    Result dry = cli("autonomy", "jarvis", "dry-run", "--reason", "new release");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("autonomy of jarvis is now dry-run");
    assertThat(api.requests.get(0).method()).isEqualTo("PUT");
    assertThat(body(api.requests.get(0)))
        .containsEntry("mode", "dry-run")
        .containsEntry("reason", "new release");

    api.answer("PUT /api/runbooks/jarvis/autonomy", 200, "{\"autonomy\":{\"effective\":\"auto\"}}");
    Result written = cli("autonomy", "jarvis", "written", "--reason", "release is fine");
    assertThat(written.out()).contains("back to what its YAML says (auto)");
    Map<String, Object> expected = new HashMap<>();
    expected.put("mode", null);
    expected.put("reason", "release is fine");
    assertThat(body(api.requests.get(1))).isEqualTo(expected);
  }

  @Test
  void aRefusalEndsWithTheExitCodesOfEveryCommand() {
    api.answer(
        "PUT /api/runbooks/jarvis/autonomy",
        403,
        "{\"error\":\"forbidden\",\"reason\":\"role operator may not change autonomy\"}");
    Result refused = cli("autonomy", "jarvis", "approve", "--reason", "x");
    assertThat(refused.code()).isEqualTo(77);
    assertThat(refused.err()).contains("not allowed: role operator may not change autonomy (403)");

    api.answer(
        "POST /api/runbooks/greet/runs",
        409,
        "{\"error\":\"runbook greet is disabled by alice: deploy; an admin may start it with"
            + " force\"}");
    Result disabled = cli("start", "greet");
    assertThat(disabled.code()).isEqualTo(1);
    assertThat(disabled.err()).contains("an admin may start it with force (409)");
  }

  @Test
  void startsWithForce() {
    api.answer(
        "POST /api/runbooks/greet/runs",
        201,
        "{\"workflowId\":\"runbook/greet/1\",\"runId\":\"r1\",\"version\":\"1.0.0\"}");
    Result started = cli("start", "greet", "--force");
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.out()).contains("started greet 1.0.0 (forced)");
    assertThat(api.only().path()).isEqualTo("/api/runbooks/greet/runs?force=true");
  }

  @Test
  void createsListsAndDeletesFreezes() throws Exception {
    api.answer("POST /api/freezes", 201, "{\"id\":\"3\"}");
    Result created =
        cli(
            "freeze",
            "create",
            "--reason",
            "black friday",
            "--from",
            "2027-11-26",
            "--until",
            "2027-11-29",
            "--runbook",
            "jarvis",
            "--runbook",
            "razar");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out())
        .contains(
            "created freeze 3: from 2027-11-26T00:00:00Z until 2027-11-29T00:00:00Z,"
                + " runbooks jarvis, razar");
    assertThat(body(api.requests.get(0)))
        .containsEntry("reason", "black friday")
        .containsEntry("startsAt", "2027-11-26T00:00:00Z")
        .containsEntry("endsAt", "2027-11-29T00:00:00Z")
        .containsEntry("runbooks", java.util.List.of("jarvis", "razar"));

    api.answer(
        "GET /api/freezes",
        200,
        "{\"freezes\":[{\"id\":\"3\",\"reason\":\"black friday\",\"startsAt\":\"2027-11-26T00:00:00Z\","
            + "\"endsAt\":\"2027-11-29T00:00:00Z\",\"runbooks\":[],\"by\":\"alice\"}]}");
    Result list = cli("freeze", "list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("ID  FROM")
        .containsPattern("3 +2027-11-26T00:00:00Z +2027-11-29T00:00:00Z +all +alice +black friday");

    api.answer("DELETE /api/freezes/3", 200, "{}");
    Result deleted = cli("freeze", "delete", "3");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("deleted freeze 3");
    assertThat(api.requests.get(2).method()).isEqualTo("DELETE");
  }
}
