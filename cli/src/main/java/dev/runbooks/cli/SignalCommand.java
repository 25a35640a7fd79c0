package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Approves or rejects a pending approval of a run. */
abstract class SignalCommand extends ApiCommand {
  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why.")
  String comment;

  @Option(names = "--as", paramLabel = "NAME", description = "Who decides (default: $USER).")
  String as;

  @Option(
      names = "--step",
      paramLabel = "STEP-ID",
      description = "The approval step, when several wait at once.")
  String step;

  abstract String action();

  @Override
  int call(ApiClient api) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("approver", user(as));
    body.put("comment", comment == null ? "" : comment);
    if (step != null) {
      body.put("step", step);
    }
    api.post("/api/runs/" + ApiClient.pathOf(runId) + "/" + action(), body);
    out().printf("%s sent to %s as %s%n", action(), runId, body.get("approver"));
    out().flush();
    return 0;
  }
}
