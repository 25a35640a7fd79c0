package dev.runbooks.language.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sql, dlq and restart step types as the compiler sees them. */
class DataStepKindsTest {
  private static List<String> problems(String steps) {
    String source =
        "apiVersion: runbooks.dev/v1\n"
            + "kind: Runbook\n"
            + "metadata: {name: data-steps-test}\n"
            + "inputs:\n"
            + "  task: {type: string, default: t1}\n"
            + "steps:\n"
            + steps;
    return RunbookCompiler.standard().compile(source, "test.yaml").problems().stream()
        .map(Problem::toString)
        .toList();
  }

  @Test
  void sqlWithBoundParametersCompiles() {
    assertThat(
            problems(
                """
                  - id: stuck
                    sql:
                      datasource: juggernaut
                      query: SELECT id FROM governance_tasks WHERE id = :id AND status = 'in_progress'
                      params: {id: "${{ inputs.task }}"}
                      maxRows: 50
                      timeout: 5s
                      expect: result.rowCount == 0
                """))
        .isEmpty();
  }

  @Test
  void sqlRefusesTemplatesInTheQueryAndWrites() {
    assertThat(
            problems(
                "  - id: q\n    sql: {datasource: j, query: \"SELECT * FROM t WHERE id ="
                    + " '${{ inputs.task }}'\"}\n"))
        .anySatisfy(
            p ->
                assertThat(p).contains("steps[0].sql.query: the query text cannot hold templates"));
    assertThat(problems("  - id: q\n    sql: {datasource: j, query: DELETE FROM t}\n"))
        .anySatisfy(p -> assertThat(p).contains("read-only query").contains("'delete'"));
    assertThat(problems("  - id: q\n    sql: {datasource: j, query: 'SELECT 1; DROP TABLE t'}\n"))
        .anySatisfy(p -> assertThat(p).contains("must be one statement"));
    assertThat(problems("  - id: q\n    sql: {datasource: j, query: \"SELECT ';'\"}\n")).isEmpty();
    assertThat(
            problems("  - id: q\n    sql: {datasource: '${{ inputs.task }}', query: SELECT 1}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].sql.datasource: must be written out"));
    assertThat(problems("  - id: q\n    sql: {datasource: j, query: SELECT 1, maxRows: 20000}\n"))
        .anySatisfy(p -> assertThat(p).contains("maxRows"));
    assertThat(
            problems(
                "  - id: q\n    sql: {datasource: j, query: SELECT 1, expect: 'inputs.task == 1'}\n"))
        .anySatisfy(p -> assertThat(p).contains("cannot read 'inputs'"));
  }

  @Test
  void dlqChecksIdentifiersTargetsAndActions() {
    assertThat(
            problems(
                """
                  - id: drain
                    dlq:
                      datasource: juggernaut
                      action: retry
                      match: connection (reset|refused)
                      target: {table: task_queue, columns: {task_id: task_id}, values: {origin: dlq}}
                      batchSize: 20
                      stopErrorRate: 0.2
                """))
        .isEmpty();
    assertThat(problems("  - id: d\n    dlq: {datasource: j, action: retry}\n"))
        .anySatisfy(p -> assertThat(p).contains("action 'retry' needs a target"));
    assertThat(
            problems("  - id: d\n    dlq: {datasource: j, table: \"t; DROP TABLE x\", note: n}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].dlq.table: must be an SQL identifier"))
        .anySatisfy(
            p -> assertThat(p).contains("note applies only to actions resolve and discard"));
    assertThat(
            problems(
                "  - id: d\n    dlq: {datasource: j, table: '${{ inputs.task }}', match: a, like: b}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].dlq.table: must be written out"))
        .anySatisfy(p -> assertThat(p).contains("use match or like, not both"));
  }

  @Test
  void dlqMatchKeepsToTheRe2Subset() {
    assertThat(problems("  - id: d\n    dlq: {datasource: j, match: \"(reset)\\\\1\"}\n"))
        .containsExactly(
            "test.yaml:8:33: steps[0].dlq.match: invalid regex: backreferences (\\1)"
                + " are not supported: regular expressions run on RE2, which matches in linear"
                + " time");
  }

  @Test
  void restartNeedsOneWayAndAStartedAtProbeForNotBefore() {
    assertThat(
            problems(
                """
                  - id: restart
                    restart:
                      target: juggernaut
                      systemd: juggernaut.service
                      notBefore: ${{ run.startedAt }}
                      startedAt: {command: [juggernaut-ctl, started-at]}
                      health: {url: http://localhost:8000/health, deadline: 2m}
                      loopGuard: {maxRestarts: 3, window: 1h}
                """))
        .isEmpty();
    assertThat(
            problems(
                "  - id: r\n    restart: {target: x, systemd: x.service, command: [x],"
                    + " notBefore: '2026-01-01T00:00:00Z'}\n"))
        .anySatisfy(p -> assertThat(p).contains("needs exactly one way to restart"))
        .anySatisfy(p -> assertThat(p).contains("notBefore: needs startedAt"));
    // A target may be rendered per invocation, e.g. one per component in a foreach.
    assertThat(
            problems(
                "  - id: r\n    restart: {target: 'razar-${{ inputs.task }}', command: [x]}\n"))
        .isEmpty();
  }
}
