package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Acknowledges a run's escalation ladder, so that it stops posting to the next tiers. */
@Command(
    name = "ack",
    aliases = "acknowledge",
    description = "Acknowledge a run's escalation ladder: it stops climbing to the next tier.")
final class AckCommand extends ApiCommand {
  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  @Option(
      names = {"--by", "--as"},
      paramLabel = "NAME",
      description = "Who takes the incident (default: $USER).")
  String by;

  @Option(names = "--comment", paramLabel = "TEXT", description = "A note, such as an ETA.")
  String comment;

  @Option(
      names = "--step",
      paramLabel = "STEP-ID",
      description = "The escalate step, when several ladders wait at once.")
  String step;

  @Override
  int call(ApiClient api) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("by", user(by));
    body.put("comment", comment == null ? "" : comment);
    if (step != null) {
      body.put("step", step);
    }
    api.post("/api/runs/" + ApiClient.pathOf(runId) + "/acknowledge", body);
    out().printf("acknowledge sent to %s as %s%n", runId, body.get("by"));
    out().flush();
    return 0;
  }
}
