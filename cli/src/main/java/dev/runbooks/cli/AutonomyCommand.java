package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Switches a runbook's autonomy at run time (admins): {@code auto}, {@code approve} (every mutating
 * step waits for an approval), {@code dry-run} (mutations are recorded, not done), or {@code
 * written} (back to what its YAML says).
 */
@Command(
    name = "autonomy",
    description =
        "Switch a runbook's autonomy without editing YAML (admins): auto, approve, dry-run, or"
            + " written (back to its YAML).")
final class AutonomyCommand extends ApiCommand {
  /** The modes this command accepts; {@code written} removes the override. */
  static final List<String> MODES = List.of("auto", "approve", "dry-run", "written");

  @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook's name.")
  String runbook;

  @Parameters(index = "1", paramLabel = "MODE", description = "auto, approve, dry-run or written.")
  String mode;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why (required; audited).")
  String reason;

  @Override
  int call(ApiClient api) {
    if (!MODES.contains(mode)) {
      throw usage("invalid MODE '" + mode + "': use one of " + String.join(", ", MODES));
    }
    if (reason.isBlank()) {
      throw usage("--reason must say why");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", mode.equals("written") ? null : mode);
    body.put("reason", reason);
    Map<String, Object> answer =
        api.put("/api/runbooks/" + ApiClient.pathOf(runbook) + "/autonomy", body);
    Object effective =
        answer.get("autonomy") instanceof Map<?, ?> autonomy ? autonomy.get("effective") : null;
    out()
        .println(
            mode.equals("written")
                ? "autonomy of "
                    + runbook
                    + " is back to what its YAML says"
                    + (effective == null ? "" : " (" + effective + ")")
                : "autonomy of "
                    + runbook
                    + " is now "
                    + mode
                    + (effective == null || effective.equals(mode)
                        ? ""
                        : " (in effect: " + effective + ")"));
    out().flush();
    return 0;
  }
}
