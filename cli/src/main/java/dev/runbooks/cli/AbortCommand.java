package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Asks a run to abort: it stops its steps, compensates, runs its finally steps and ends. */
@Command(name = "abort", description = "Abort a run.")
final class AbortCommand extends ApiCommand {
  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "Who aborts (default: $USER).")
  String as;

  @Override
  int call(ApiClient api) {
    String by = user(as);
    api.post(
        "/api/runs/" + ApiClient.pathOf(runId) + "/abort",
        Map.of("by", by, "reason", reason == null ? "" : reason));
    out().printf("abort sent to %s as %s%n", runId, by);
    out().flush();
    return 0;
  }
}
