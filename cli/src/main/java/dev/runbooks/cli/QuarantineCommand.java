package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.Table;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Lists the restart targets the loop guard quarantined, or clears one so that restarts of it are
 * allowed again.
 */
@Command(
    name = "quarantine",
    description = "List quarantined restart targets, or clear one: quarantine [clear TARGET].")
final class QuarantineCommand extends ApiCommand {
  @Parameters(
      arity = "0..2",
      paramLabel = "ACTION",
      description = "Nothing or 'list' to list; 'clear TARGET' to release a target.")
  List<String> args;

  @Override
  int call(ApiClient api) {
    if (args == null || args.isEmpty() || (args.size() == 1 && args.get(0).equals("list"))) {
      Object targets = api.get("/api/quarantine").get("quarantined");
      Table table = new Table("TARGET", "SINCE", "RUNBOOK", "WORKFLOW ID", "REASON");
      if (targets instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof Map<?, ?> t) {
            table.row(
                t.get("target"),
                t.get("since"),
                t.get("runbook"),
                t.get("workflowId"),
                t.get("reason"));
          }
        }
      }
      table.print(out());
      return 0;
    }
    if (args.size() == 2 && args.get(0).equals("clear")) {
      api.delete("/api/quarantine/" + ApiClient.pathOf(args.get(1)));
      out().println("cleared " + args.get(1) + ": restarts of it are allowed again");
      return 0;
    }
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "usage: runbook quarantine [list] | runbook quarantine clear TARGET");
  }
}
