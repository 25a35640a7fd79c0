package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Undoes {@code disable}: a runbook's automatic starts, or all of them, resume. */
@Command(
    name = "enable",
    description = "Let a runbook's automatic starts resume, or all of them (--all).")
final class EnableCommand extends ApiCommand {
  @Parameters(arity = "0..1", paramLabel = "RUNBOOK", description = "The runbook's name.")
  String runbook;

  @Option(names = "--all", description = "Enable all automatic starts again.")
  boolean all;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (optional; audited).")
  String reason;

  @Override
  int call(ApiClient api) {
    String path = RailTarget.path(this, runbook, all, "enable");
    Map<String, Object> body = new LinkedHashMap<>();
    if (reason != null && !reason.isBlank()) {
      body.put("reason", reason);
    }
    api.post(path, body);
    out()
        .println(
            all
                ? "enabled all automatic starts again"
                : "enabled automatic starts of " + runbook + " again");
    out().flush();
    return 0;
  }
}
