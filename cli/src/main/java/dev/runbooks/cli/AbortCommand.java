package dev.runbooks.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Asks a run to abort: it stops its steps, compensates, runs its finally steps and ends. */
@Command(
    name = "abort",
    description =
        "Abort a run: it stops its steps, compensates, runs its finally steps (exit codes"
            + " below).")
final class AbortCommand extends DecisionCommand {
  @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
  String reason;

  @Option(
      names = {"--as", "--by"},
      paramLabel = "NAME",
      hidden = true,
      description = "Ignored: the API takes who aborts from the token (kept for old scripts).")
  String as;

  @Override
  String action() {
    return "abort";
  }

  @Override
  String done() {
    return "aborted";
  }

  @Override
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("by", user(as)); // read by APIs from before #15 only
    body.put("reason", reason == null ? "" : reason);
    return body;
  }

  @Override
  String decider() {
    return as;
  }

  @Override
  String deciderOption() {
    return "--as/--by";
  }
}
