package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A runbook's start limits: {@code limits reset} clears a trip so automatic starts resume. */
@Command(
    name = "limits",
    description = "Start limits: limits reset RUNBOOK --reason TEXT clears a trip.",
    subcommands = {LimitsCommand.Reset.class})
final class LimitsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Clears a runbook's trip: its automatic starts resume, within its limits. */
  @Command(name = "reset", description = "Clear a runbook's trip so its automatic starts resume.")
  static final class Reset extends ApiCommand {
    @Parameters(paramLabel = "RUNBOOK", description = "The runbook's name.")
    String runbook;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why it is safe again (required; audited).")
    String reason;

    @Override
    int call(ApiClient api) {
      if (reason.isBlank()) {
        throw usage("--reason must say why");
      }
      api.post(
          "/api/runbooks/" + ApiClient.pathOf(runbook) + "/limits/reset", Map.of("reason", reason));
      out().println("reset the trip of " + runbook + ": its automatic starts resume");
      out().flush();
      return 0;
    }
  }
}
