package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.PirReport;
import dev.runbooks.cli.internal.PirTemplate;
import dev.runbooks.cli.internal.RunView;
import dev.runbooks.language.expr.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes a report of a run: a post-incident review in Markdown, filled from the run's timeline,
 * steps, audit trail and outcome ({@code --format pir}), or the raw run as JSON.
 */
@Command(
    name = "report",
    description =
        "Write a run's report: a post-incident review draft in Markdown (--format pir), or JSON.")
final class ReportCommand extends ApiCommand {
  /** The report formats. */
  enum Format {
    pir,
    json
  }

  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  @Option(
      names = "--template",
      paramLabel = "FILE",
      description =
          "A Mustache template for the review instead of the default one (docs/cli.md,"
              + " \"Post-incident review templates\"); a template error names the file and line"
              + " and exits 1.")
  Path template;

  private Map<String, Object> answer;

  @Option(
      names = "--format",
      defaultValue = "pir",
      description = "pir (post-incident review, Markdown; the default) or json.")
  Format format;

  @Override
  @SuppressWarnings("unchecked")
  int call(ApiClient api) {
    PirTemplate pir = template == null ? PirTemplate.standard() : PirTemplate.read(template);
    Map<String, Object> run = get(api, runId);
    List<Map<String, Object>> audit;
    try {
      Object entries =
          api.get("/api/audit?limit=1000&workflowId=" + ApiClient.queryOf(runId)).get("entries");
      audit = entries instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    } catch (ApiClient.ApiError e) {
      if (e.status() != 404) {
        throw e;
      }
      audit = List.of(); // an API without the audit trail (no database)
    }
    answer = Map.of("run", run, "audit", audit);
    if (format == Format.json) {
      out().println(Json.write(answer));
    } else {
      out().print(new PirReport(new RunView(run), audit, api.base().toString()).markdown(pir));
    }
    out().flush();
    return 0;
  }

  @Override
  Object json(ApiClient api) {
    return answer;
  }
}
