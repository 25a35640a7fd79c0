package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.InputValues;
import dev.runbooks.cli.internal.RunFollower;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Starts a run of a runbook through the API, and optionally follows it to the end. */
@Command(name = "start", description = "Start a run of a runbook.")
final class StartCommand extends ApiCommand {
  @Parameters(paramLabel = "NAME", description = "The runbook's name.")
  String name;

  @Option(
      names = "--input",
      paramLabel = "NAME=VALUE",
      description = "An input; VALUE is parsed as JSON when it is valid JSON, else a string.")
  List<String> inputs;

  @Option(names = "--input-file", paramLabel = "FILE", description = "A JSON object of inputs.")
  Path inputFile;

  @Option(names = "--workflow-id", paramLabel = "ID", description = "Use this workflow id.")
  String workflowId;

  @Option(names = "--follow", description = "Follow the run until it ends.")
  boolean follow;

  @Option(
      names = "--dry-run",
      description = "Run the probes for real, and only record what mutating steps would have done.")
  boolean dryRun;

  @Option(
      names = "--force",
      description =
          "Start it even while the runbook or all automation is disabled (admins; audited).")
  boolean force;

  @Option(
      names = "--interval",
      defaultValue = "1s",
      paramLabel = "DURATION",
      description = "Poll interval of --follow (default ${DEFAULT-VALUE}).")
  String interval;

  @Override
  int call(ApiClient api) throws InterruptedException {
    Map<String, Object> given = InputValues.parse(inputFile, inputs);
    String path = "/api/runbooks/" + ApiClient.pathOf(name) + "/runs";
    List<String> query = new java.util.ArrayList<>();
    if (workflowId != null) {
      query.add("workflowId=" + URLEncoder.encode(workflowId, StandardCharsets.UTF_8));
    }
    if (dryRun) {
      query.add("dryRun=true");
    }
    if (force) {
      query.add("force=true");
    }
    if (!query.isEmpty()) {
      path += "?" + String.join("&", query);
    }
    Map<String, Object> started = api.post(path, given);
    String id = String.valueOf(started.get("workflowId"));
    out()
        .printf(
            "started %s %s%s%s%n",
            name, started.get("version"), dryRun ? " (dry run)" : "", force ? " (forced)" : "");
    out().println("  workflow id: " + id);
    out().println("  run id:      " + started.get("runId"));
    if (started.get("links") instanceof Map<?, ?> links && links.get("ui") != null) {
      out().println("  web ui:      " + links.get("ui"));
    }
    out().flush();
    if (!follow) {
      out().println("follow it with: bin/runbook follow " + id);
      out().flush();
      return 0;
    }
    return new RunFollower(() -> get(api, id), out(), FollowCommand.parse(interval)).follow();
  }
}
