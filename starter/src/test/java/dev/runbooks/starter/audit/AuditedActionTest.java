package dev.runbooks.starter.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.api.Channel;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.language.model.AccessAction;
import dev.runbooks.starter.security.Caller;
import dev.runbooks.starter.security.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed audit entry: wire names, answers and the parts taken from a caller. */
class AuditedActionTest {
  private static final Caller BOB =
      new Caller("bob", List.of("sre"), Role.APPROVER, Channel.CLI, "10.1.2.3");

  @Test
  void actionsHaveTheContractsWireNames() {
    assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::wire))
        .containsExactly(
            "start",
            "dry-run",
            "approve",
            "reject",
            "acknowledge",
            "abort",
            "maintenance-window-create",
            "maintenance-window-delete",
            "quarantine-clear",
            "token-create",
            "token-revoke",
            "alert-start",
            "runbook-disable",
            "runbook-enable",
            "automation-disable",
            "automation-enable",
            "runbook-trip",
            "limits-reset",
            "autonomy-set",
            "freeze-create",
            "freeze-delete",
            "retry");
    assertThat(AuditAction.of("dry-run")).contains(AuditAction.DRY_RUN);
    assertThat(AuditAction.of("DROP")).isEmpty();
  }

  @Test
  void decisionsAndStartsMapToTheAccessActionTheyAreCheckedAgainst() {
    assertThat(AuditAction.DRY_RUN.access()).contains(AccessAction.START);
    assertThat(AuditAction.REJECT.access()).contains(AccessAction.APPROVE);
    assertThat(AuditAction.ABORT.access()).contains(AccessAction.ABORT);
    assertThat(AuditAction.TOKEN_CREATE.access()).isEmpty();
  }

  @Test
  void aRunsAnswerBecomesTheResultWithTheApisStatus() {
    assertThat(AuditResult.of(DecisionAnswer.accepted("confirm")))
        .isEqualTo(AuditResult.accepted(200));
    assertThat(
            AuditResult.of(
                new DecisionAnswer(
                    DecisionAnswer.Result.NOT_ALLOWED, "bob started this run", "confirm")))
        .isEqualTo(AuditResult.refused(403, "not-allowed: bob started this run"));
    assertThat(AuditResult.of(new DecisionAnswer(DecisionAnswer.Result.NOT_WAITING, null, null)))
        .isEqualTo(AuditResult.refused(409, "not-waiting"));
    assertThatThrownBy(() -> new AuditResult(false, null, 403))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aDecisionTakesWhoFromTheCallerAndWhatFromTheRequest() {
    AuditedAction a =
        AuditedAction.decision(
                AuditAction.APPROVE,
                BOB,
                "disk-cleanup",
                "wf-1",
                Map.of("approver", "mallory", "comment", "ok", "step", "confirm"))
            .answered(new DecisionAnswer(DecisionAnswer.Result.ALREADY_DECIDED, "alice did", null));

    assertThat(a.actor().name()).isEqualTo("bob");
    assertThat(a.actor().channel()).isEqualTo(Channel.CLI);
    assertThat(a.address()).isEqualTo("10.1.2.3");
    assertThat(a.runbook()).isEqualTo("disk-cleanup");
    assertThat(a.workflowId()).isEqualTo("wf-1");
    assertThat(a.details()).isEqualTo(Map.of("comment", "ok", "step", "confirm"));
    assertThat(a.result()).isEqualTo(AuditResult.refused(409, "already-decided: alice did"));
  }

  @Test
  void anAlertStartHasTheSourceAsPrincipalAndNoAddress() {
    AuditedAction a =
        AuditedAction.system(AuditAction.ALERT_START, "alertmanager", Channel.ALERT)
            .run("disk-full", "runbook/disk-full/fp");

    assertThat(a.actor().name()).isEqualTo("alertmanager");
    assertThat(a.actor().channel()).isEqualTo(Channel.ALERT);
    assertThat(a.address()).isNull();
    assertThat(a.result().accepted()).isTrue();
  }
}
