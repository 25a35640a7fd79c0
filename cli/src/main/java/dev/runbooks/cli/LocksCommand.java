package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.RailsView;
import dev.runbooks.cli.internal.Table;
import dev.runbooks.language.expr.Json;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The resource locks: each lock's name, the run that holds it and the runs that wait for it. */
@Command(name = "locks", description = "Show the resource locks: name, holder, waiters.")
final class LocksCommand extends ApiCommand {
  @Option(names = "--json", description = "Print the API's JSON answer as is.")
  boolean json;

  @Override
  int call(ApiClient api) {
    Map<String, Object> answer = api.get("/api/locks");
    if (json) {
      out().println(Json.write(answer));
      out().flush();
      return 0;
    }
    Table table = new Table("LOCK", "HOLDER", "SINCE", "WAITERS");
    if (answer.get("locks") instanceof List<?> locks) {
      for (Object item : locks) {
        if (item instanceof Map<?, ?> lock) {
          Object holder = lock.get("holder");
          table.row(
              lock.get("name"),
              RailsView.holder(holder),
              holder instanceof Map<?, ?> h ? h.get("since") : null,
              RailsView.waiters(lock.get("waiters")));
        }
      }
    }
    table.print(out());
    if (Boolean.FALSE.equals(answer.get("listed"))) {
      out()
          .println(
              "This Temporal server cannot list workflows: only locks asked for by name show.");
      out().flush();
    }
    return 0;
  }
}
