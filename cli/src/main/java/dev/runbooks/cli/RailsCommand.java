package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.RailsView;
import dev.runbooks.language.expr.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The guard rails as they stand: whether automation is on, each runbook's switch, trip, autonomy,
 * limits and recent counts, and the change freezes.
 */
@Command(
    name = "rails",
    description =
        "Show the guard rails: automation on or off, each runbook's disabled, tripped, autonomy,"
            + " limits and recent counts, and the change freezes.")
final class RailsCommand extends ApiCommand {
  @Option(names = "--json", description = "Print the API's JSON answer as is.")
  boolean json;

  @Override
  int call(ApiClient api) {
    Map<String, Object> snapshot = api.get("/api/guard-rails");
    if (json) {
      out().println(Json.write(snapshot));
      out().flush();
    } else {
      new RailsView(snapshot).print(out());
    }
    return 0;
  }
}
