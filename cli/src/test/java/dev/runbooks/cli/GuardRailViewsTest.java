package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runbook rails}, {@code explain} and {@code locks} against a stand-in of the API: the
 * tables they print from the documented answers, and {@code --json} as is.
 */
class GuardRailViewsTest {
  private static final String TOKEN = "rbk_" + "V".repeat(43);

  private static final String SNAPSHOT =
      """
      {"automation": {"disabled": false},
       "runbooks": [
        {"runbook": "jarvis-high-memory",
         "disabled": {"reason": "deploy", "by": "alice", "at": "2026-12-06T10:00:00Z",
                      "until": "2026-12-06T12:00:00Z"},
         "tripped": null,
         "autonomy": {"written": "auto", "effective": "approve",
                      "override": {"mode": "approve", "by": "bob", "reason": "new release",
                                   "at": "2026-12-06T09:00:00Z"}, "freeze": null},
         "limits": {"runs": "10/1h", "perTarget": {"key": "${{ alert.labels.instance }}",
                    "runs": "2/1h"}, "trip": true, "source": "runbook"},
         "recent": {"starts": 4, "limited": 7}},
        {"runbook": "razar-component-restart", "disabled": null,
         "tripped": {"at": "2026-12-06T11:00:00Z", "limit": "runs 6/1h",
                     "message": "6 starts within 1h"},
         "autonomy": {"written": "auto", "effective": "auto", "override": null, "freeze": null},
         "limits": null, "recent": {"starts": 6, "limited": 1}}],
       "freezes": [{"id": "9", "reason": "release week", "startsAt": "2026-12-06T00:00:00Z",
                    "endsAt": "2026-12-08T00:00:00Z", "runbooks": ["jarvis-high-memory"],
                    "by": "carol"}]}
      """;

  private static final String EXPLAIN =
      """
      {"alert": {"id": 12, "name": "HighMemory", "status": "firing", "fingerprint": "f1",
                 "source": "alertmanager", "receivedAt": "2026-12-06T10:05:00Z"},
       "recorded": {"state": "disabled", "handledAt": "2026-12-06T10:05:01Z",
                    "routes": [{"runbook": "jarvis-high-memory", "action": "disabled",
                                "message": "runbook jarvis-high-memory is disabled by alice: deploy"}]},
       "verdict": "no run would start now: the kill switch holds for jarvis-high-memory",
       "triggers": [
        {"runbook": "jarvis-high-memory", "version": "1.0.0", "triggerIndex": 0,
         "path": "triggers[0]", "matched": true, "chosen": true, "failed": false, "stale": false,
         "reasons": ["alertname HighMemory is HighMemory", "label service=jarvis matches service=jarvis"]},
        {"runbook": "jarvis-high-memory", "version": "1.0.0", "triggerIndex": 1,
         "path": "triggers[1]", "matched": true, "chosen": false, "failed": false, "stale": false,
         "reasons": ["alertname HighMemory is HighMemory"]},
        {"runbook": "disk-cleanup", "version": "1.0.0", "triggerIndex": 0, "path": "triggers[0]",
         "matched": false, "chosen": false, "failed": false, "stale": false,
         "reasons": ["alertname HighMemory is not DiskFull"]}],
       "runbooks": [{"runbook": "jarvis-high-memory", "workflowId": "runbook/jarvis-high-memory/f1",
                     "dedupKey": "f1", "cooldown": "PT10M", "problems": [],
                     "rails": [{"rail": "kill switch", "holds": true,
                                "detail": "runbook disabled by alice: deploy"},
                               {"rail": "limits", "holds": false,
                                "detail": "4 starts in the last 1h of 10"}]}],
       "maintenance": []}
      """;

  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void railsShowsEveryRunbookAndFreeze() {
    api.answer("GET /api/guard-rails", 200, SNAPSHOT);
    Result rails = api.cli("rails", "--token", TOKEN);
    assertThat(rails.code()).as(rails.err()).isZero();
    assertThat(rails.out())
        .contains("automation: enabled")
        .contains("RUNBOOK", "STATE", "AUTONOMY", "LIMITS", "STARTS", "LIMITED")
        .contains("disabled by alice: deploy (until 2026-12-06T12:00:00Z)")
        .contains("approve (override by bob, written auto)")
        .contains("runs 10/1h, per ${{ alert.labels.instance }} 2/1h, trip")
        .contains("tripped at 2026-12-06T11:00:00Z: 6 starts within 1h")
        .containsPattern("jarvis-high-memory .* 4 +7\n")
        .contains("freezes:")
        .containsPattern(
            "9 +2026-12-06T00:00:00Z +2026-12-08T00:00:00Z +jarvis-high-memory +carol");

    api.answer(
        "GET /api/guard-rails",
        200,
        "{\"automation\":{\"disabled\":true,\"reason\":\"incident\",\"by\":\"alice\"},"
            + "\"runbooks\":[],\"freezes\":[]}");
    assertThat(api.cli("rails", "--token", TOKEN).out())
        .contains("automation: DISABLED by alice: incident");
    Result json = api.cli("rails", "--json", "--token", TOKEN);
    assertThat(json.out()).contains("\"disabled\":true");
  }

  @Test
  void explainSaysWhatHeldAndWhy() {
    api.answer("GET /api/alerts/12/explain", 200, EXPLAIN);
    Result explained = api.cli("explain", "12", "--token", TOKEN);
    assertThat(explained.code()).as(explained.err()).isZero();
    assertThat(explained.out())
        .contains("alert 12 HighMemory (firing) from alertmanager")
        .contains("recorded: disabled at 2026-12-06T10:05:01Z")
        .contains("jarvis-high-memory: disabled: runbook jarvis-high-memory is disabled by alice")
        .contains("now: no run would start now: the kill switch holds")
        .containsPattern("jarvis-high-memory +0 +yes +alertname HighMemory is HighMemory; label")
        .containsPattern("jarvis-high-memory +1 +yes, not used +alertname HighMemory is HighMemory")
        .containsPattern("disk-cleanup +0 +no +alertname HighMemory is not DiskFull")
        .contains("workflow id runbook/jarvis-high-memory/f1, dedup key f1, cooldown PT10M")
        .contains("HOLDS  kill switch: runbook disabled by alice: deploy")
        .contains("ok     limits: 4 starts in the last 1h of 10")
        .contains("maintenance windows matching now: none");
    assertThat(api.only().path()).isEqualTo("/api/alerts/12/explain");
  }

  @Test
  void explainOfAnUnknownAlertIsAnError() {
    api.answer("GET /api/alerts/99/explain", 404, "{\"error\":\"no such alert: '99'\"}");
    Result missing = api.cli("explain", "99", "--token", TOKEN);
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("error: no such alert: '99' (404)");
  }

  @Test
  void locksShowHolderAndWaiters() {
    api.answer(
        "GET /api/locks",
        200,
        """
        {"locks": [{"name": "service/jarvis",
                    "holder": {"workflowId": "runbook/jarvis-high-memory/f1", "step": "bounce",
                               "since": "2026-12-06T10:00:00Z"},
                    "waiters": [{"workflowId": "runbook/jarvis-disk/f2"}]},
                   {"name": "restart/razar", "holder": null, "waiters": []}]}
        """);
    Result locks = api.cli("locks", "--token", TOKEN);
    assertThat(locks.code()).as(locks.err()).isZero();
    assertThat(locks.out())
        .contains("LOCK", "HOLDER", "WAITERS")
        .containsPattern(
            "service/jarvis +runbook/jarvis-high-memory/f1 step bounce +2026-12-06T10:00:00Z"
                + " +1: runbook/jarvis-disk/f2")
        .containsPattern("restart/razar +- +- +0");
  }
}
