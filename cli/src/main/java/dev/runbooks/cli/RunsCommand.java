package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.Table;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the newest runs, of one runbook or of all. */
@Command(name = "runs", description = "List the newest runs.")
final class RunsCommand extends ApiCommand {
  @Option(names = "--runbook", paramLabel = "NAME", description = "Only runs of this runbook.")
  String runbook;

  @Override
  int call(ApiClient api) {
    String path = "/api/runs";
    if (runbook != null) {
      path += "?runbook=" + URLEncoder.encode(runbook, StandardCharsets.UTF_8);
    }
    Object runs = api.get(path).get("runs");
    Table table = new Table("WORKFLOW ID", "RUNBOOK", "STATUS", "STARTED", "CLOSED");
    if (runs instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> run) {
          table.row(
              run.get("workflowId"),
              run.get("runbook"),
              run.get("executionStatus"),
              run.get("startTime"),
              run.get("closeTime"));
        }
      }
    }
    table.print(out());
    return 0;
  }
}
