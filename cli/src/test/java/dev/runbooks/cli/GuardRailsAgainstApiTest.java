package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import dev.runbooks.starter.intake.IntakeTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The guard-rail commands against the real API and its real PostgreSQL: disable and enable a
 * runbook and all automation, autonomy, freezes, a trip reset that has nothing to reset, a refused
 * start without {@code --force} and a forced one; {@code rails} shows each change.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.test.catalog-dir=src/test/resources/fixtures/runbooks",
      ApiCli.BOOTSTRAP
    })
class GuardRailsAgainstApiTest extends ApiCli {
  @Test
  void switchesShowInRailsAndHoldManualStarts() {
    Result off = cli("disable", "greet", "--reason", "cli test", "--until", "1h");
    assertThat(off.code()).as(off.err()).isZero();
    assertThat(off.out())
        .contains("disabled automatic starts of greet until ", "cli test (by admin)");
    assertThat(cli("rails").out())
        .contains("automation: enabled")
        .containsPattern("greet +disabled by admin: cli test \\(until ");

    Result refused = cli("start", "greet", "--input", "who=cli");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("start it with force (409)");
    Result forced = cli("start", "greet", "--force", "--input", "who=cli");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("(forced)");

    assertThat(cli("enable", "greet").code()).isZero();
    assertThat(cli("rails").out()).containsPattern("greet +ok ");

    Result all = cli("disable", "--all", "--reason", "incident");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(cli("rails").out()).contains("automation: DISABLED by admin: incident");
    assertThat(cli("enable", "--all").code()).isZero();
    assertThat(cli("rails", "--json").out()).contains("\"automation\":{\"disabled\":false");

    Result unknown = cli("disable", "nope", "--reason", "x");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no such runbook: 'nope' (404)");
    Result notTripped = cli("limits", "reset", "greet", "--reason", "x");
    assertThat(notTripped.code()).isEqualTo(1);
    assertThat(notTripped.err()).contains("runbook 'greet' is not tripped (409)");
  }

  @Test
  void autonomyAndFreezes() {
    Result dry = cli("autonomy", "gated", "dry-run", "--reason", "trying it");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("autonomy of gated is now dry-run");
    assertThat(cli("rails").out()).contains("dry-run (override by admin, written auto)");
    assertThat(cli("autonomy", "gated", "written", "--reason", "done").out())
        .contains("autonomy of gated is back to what its YAML says (auto)");

    Result created =
        cli("freeze", "create", "--reason", "release", "--until", "2h", "--runbook", "laddered");
    assertThat(created.code()).as(created.err()).isZero();
    String id = created.out().replaceAll("(?s)created freeze (\\S+):.*", "$1");
    assertThat(cli("freeze", "list").out()).contains(id, "laddered", "admin", "release");
    assertThat(cli("rails").out()).contains("approve (freeze " + id + ", written auto)");
    Result deleted = cli("freeze", "delete", id);
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(cli("rails").out()).doesNotContain("(freeze ");
  }

  @Test
  void theEndToEndRunbooksCompile() {
    Result valid = ValidateCommandTest.run("validate", "../scripts/e2e-runbooks");
    assertThat(valid.code()).as(valid.out() + valid.err()).isZero();
  }
}
