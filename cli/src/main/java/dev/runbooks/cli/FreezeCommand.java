package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.RailsView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Change freezes (admins create and delete them): while one is in force, the {@code auto} runbooks
 * it covers run in {@code approve} mode.
 */
@Command(
    name = "freeze",
    description =
        "Change freezes: auto runbooks run in approve mode while one lasts."
            + " freeze create|list|delete.",
    subcommands = {
      FreezeCommand.Create.class,
      FreezeCommand.Listing.class,
      FreezeCommand.Delete.class
    })
final class FreezeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Creates a freeze, of every runbook or of the named ones. */
  @Command(name = "create", description = "Create a change freeze (admins).")
  static final class Create extends ApiCommand {
    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why (required; shown on every page while it lasts).")
    String reason;

    @Option(
        names = "--until",
        required = true,
        paramLabel = "WHEN",
        description = "When it ends: an ISO time, a date or a duration from now (8h, 2d).")
    String until;

    @Option(
        names = "--from",
        paramLabel = "WHEN",
        description = "When it begins: an ISO time, a date or a duration from now; default now.")
    String from;

    @Option(
        names = "--runbook",
        paramLabel = "NAME",
        description = "A runbook it covers (repeatable); default every runbook.")
    List<String> runbooks;

    @Override
    int call(ApiClient api) {
      if (reason.isBlank()) {
        throw usage("--reason must say why");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("reason", reason);
      if (from != null) {
        body.put("startsAt", instant("--from", from, false));
      }
      body.put("endsAt", instant("--until", until, true));
      if (runbooks != null && !runbooks.isEmpty()) {
        body.put("runbooks", runbooks);
      }
      Map<String, Object> created = api.post("/api/freezes", body);
      out()
          .printf(
              "created freeze %s: %s until %s, %s%n",
              created.getOrDefault("id", "?"),
              from == null ? "from now" : "from " + body.get("startsAt"),
              body.get("endsAt"),
              runbooks == null || runbooks.isEmpty()
                  ? "every runbook"
                  : "runbooks " + String.join(", ", runbooks));
      out().println("auto runbooks it covers run in approve mode while it lasts");
      out().flush();
      return 0;
    }
  }

  /** Lists the freezes, current and future. */
  @Command(name = "list", description = "List the change freezes.")
  static final class Listing extends ApiCommand {
    @Override
    int call(ApiClient api) {
      RailsView.freezes(api.get("/api/freezes").get("freezes")).print(out());
      return 0;
    }
  }

  /** Deletes a freeze: it ends now. */
  @Command(name = "delete", description = "Delete a change freeze by its id (admins).")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The freeze's id, as `freeze list` shows it.")
    String id;

    @Override
    int call(ApiClient api) {
      api.delete("/api/freezes/" + ApiClient.pathOf(id));
      out().println("deleted freeze " + id);
      out().flush();
      return 0;
    }
  }
}
