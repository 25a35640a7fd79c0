package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The kill switch: stops a runbook's automatic starts, or every runbook's ({@code --all}), with a
 * required reason and an optional expiry. Matching alerts are then recorded as {@code disabled}.
 */
@Command(
    name = "disable",
    description =
        "Stop the automatic starts of a runbook, or of all runbooks (--all); matching alerts are"
            + " recorded as disabled.")
final class DisableCommand extends ApiCommand {
  @Parameters(arity = "0..1", paramLabel = "RUNBOOK", description = "The runbook's name.")
  String runbook;

  @Option(names = "--all", description = "Disable all automatic starts instead of one runbook's.")
  boolean all;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why (required; shown to everyone and audited).")
  String reason;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      description =
          "When it ends by itself: an ISO time, a date or a duration from now (2h, 1d);"
              + " default when someone enables it.")
  String until;

  @Override
  int call(ApiClient api) {
    String path = RailTarget.path(this, runbook, all, "disable");
    if (reason.isBlank()) {
      throw usage("--reason must say why");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    if (until != null) {
      body.put("until", instant("--until", until, true));
    }
    Map<String, Object> answer = api.post(path, body);
    String what = all ? "all automatic starts" : "automatic starts of " + runbook;
    out()
        .printf(
            "disabled %s%s: %s%n",
            what,
            until == null ? "" : " until " + body.get("until"),
            reason + RailTarget.by(answer));
    out()
        .println(
            all
                ? "alerts are recorded as disabled; undo with: bin/runbook enable --all"
                : "its alerts are recorded as disabled; undo with: bin/runbook enable " + runbook);
    out().flush();
    return 0;
  }
}
