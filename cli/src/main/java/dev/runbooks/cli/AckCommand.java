package dev.runbooks.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Acknowledges a run's escalation ladder, so that it stops posting to the next tiers. */
@Command(
    name = "ack",
    aliases = "acknowledge",
    description =
        "Acknowledge a run's escalation ladder: it stops climbing to the next tier (exit codes"
            + " below).")
final class AckCommand extends DecisionCommand {
  @Option(
      names = {"--by", "--as"},
      paramLabel = "NAME",
      hidden = true,
      description =
          "Ignored: the API takes who acknowledges from the token (kept for old scripts).")
  String by;

  @Option(names = "--comment", paramLabel = "TEXT", description = "A note, such as an ETA.")
  String comment;

  @Option(
      names = "--step",
      paramLabel = "STEP-ID",
      description = "The escalate step, when several ladders wait at once.")
  String step;

  @Override
  String action() {
    return "acknowledge";
  }

  @Override
  String done() {
    return "acknowledged";
  }

  @Override
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("by", user(by)); // read by APIs from before #15 only
    body.put("comment", comment == null ? "" : comment);
    if (step != null) {
      body.put("step", step);
    }
    return body;
  }

  @Override
  String decider() {
    return by;
  }

  @Override
  String deciderOption() {
    return "--by/--as";
  }
}
