package dev.runbooks.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Approves or rejects a pending approval of a run. */
abstract class SignalCommand extends DecisionCommand {
  @Option(names = "--comment", paramLabel = "TEXT", description = "Why.")
  String comment;

  @Option(
      names = {"--as", "--approver"},
      paramLabel = "NAME",
      hidden = true,
      description = "Ignored: the API takes who decides from the token (kept for old scripts).")
  String as;

  @Option(
      names = "--step",
      paramLabel = "STEP-ID",
      description = "The approval step, when several wait at once.")
  String step;

  @Override
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("approver", user(as)); // read by APIs from before #15 only
    body.put("comment", comment == null ? "" : comment);
    if (step != null) {
      body.put("step", step);
    }
    return body;
  }

  @Override
  String decider() {
    return as;
  }

  @Override
  String deciderOption() {
    return "--as/--approver";
  }
}
