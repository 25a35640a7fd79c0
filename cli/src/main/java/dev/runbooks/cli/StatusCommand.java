package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.RunView;
import dev.runbooks.language.expr.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a run's status: its outcome so far and a table of its steps. */
@Command(name = "status", description = "Show a run's steps: id, type, status, duration, outputs.")
final class StatusCommand extends ApiCommand {
  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  @Option(names = "--json", description = "Print the API's JSON answer as is.")
  boolean json;

  @Override
  int call(ApiClient api) {
    var run = get(api, runId);
    if (json) {
      out().println(Json.write(run));
      out().flush();
    } else {
      new RunView(run).print(out());
    }
    return 0;
  }
}
