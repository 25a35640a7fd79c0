package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Retries a run that ended without resolving, from a step, on the pinned or the current runbook
 * version ({@code POST /api/runs/<id>/retry}); prints how the API did it (a reset of the run, or a
 * new run seeded with the earlier steps' results), why, and the retried run's ids.
 */
@Command(
    name = "retry",
    description =
        "Re-run a failed or escalated run from a step, reusing the earlier steps' results (exit"
            + " codes below; 1: refused, such as still running, resolved or an unknown step).")
final class RetryCommand extends ApiCommand {
  // --version is this command's own option: the standard help options are declared here, with -V
  // alone for the CLI's version.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(names = "-V", versionHelp = true, description = "Print version information and exit.")
  boolean versionHelp;

  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  @Option(
      names = "--from",
      paramLabel = "STEP",
      description = "The top-level step to run again (default: the one holding the failed step).")
  String from;

  @Option(
      names = "--version",
      paramLabel = "pinned|current",
      description = "The runbook version: the run's own (pinned, the default) or the current one.")
  String version;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit trail).")
  String reason;

  @Override
  int call(ApiClient api) {
    if (version != null && !version.equals("pinned") && !version.equals("current")) {
      throw usage("--version must be 'pinned' or 'current', not '" + version + "'");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (from != null) {
      body.put("from", from);
    }
    if (version != null) {
      body.put("version", version);
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    Map<String, Object> answer = api.post("/api/runs/" + ApiClient.pathOf(runId) + "/retry", body);
    out()
        .printf(
            "retried %s from step %s by %s: %s%n",
            runId,
            answer.get("from"),
            "reset".equals(answer.get("how")) ? "a reset" : "a seeded new run",
            answer.get("why"));
    out().printf("run %s (run id %s)%n", answer.get("workflowId"), answer.get("runId"));
    out().printf("version %s%n", answer.get("version"));
    out().flush();
    return 0;
  }
}
