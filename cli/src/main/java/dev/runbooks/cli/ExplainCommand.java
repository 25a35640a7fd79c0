package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.ExplainView;
import dev.runbooks.language.expr.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Says why an alert did or did not start a run: what the dispatcher recorded, each trigger
 * considered and why it matched or not, and the guard rails that hold now.
 */
@Command(
    name = "explain",
    description =
        "Say why an alert did or did not start a run: triggers, dedup and cooldown, maintenance"
            + " windows, limits, kill switch, freezes, locks.")
final class ExplainCommand extends ApiCommand {
  @Parameters(paramLabel = "ALERT-ID", description = "The alert's inbox id (GET /api/alerts).")
  String alertId;

  @Option(names = "--json", description = "Print the API's JSON answer as is.")
  boolean json;

  @Override
  int call(ApiClient api) {
    Map<String, Object> answer = api.get("/api/alerts/" + ApiClient.pathOf(alertId) + "/explain");
    if (json) {
      out().println(Json.write(answer));
      out().flush();
    } else {
      new ExplainView(answer).print(out());
    }
    return 0;
  }
}
