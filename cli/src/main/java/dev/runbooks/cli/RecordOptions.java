package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.language.expr.Json;
import dev.runbooks.tester.record.RecordException;
import dev.runbooks.tester.record.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code bin/runbook test --record <workflow-id>}: turn a real run into a test case,
 * reading its history from the runbook API ({@code GET /api/history/<id>}, payloads decrypted by
 * the server) or from a file ({@code --history}, Temporal's JSON as {@code temporal workflow show
 * -o json} writes it, payloads unencrypted), and writing the case beside the runbook or into {@code
 * --out}.
 */
public final class RecordOptions {
  /** Exit code of a run that cannot be recorded (not finished, not found, file not writable). */
  static final int EXIT_NOT_RECORDED = 2;

  @Option(
      names = "--record",
      paramLabel = "WORKFLOW-ID",
      description =
          "Record a finished run as a test case (its inputs, alert, step results as mocks,"
              + " decisions and signals, and its path and outcome as expectations).")
  String workflowId;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description =
          "With --record: read the run's history from this file (temporal workflow show -o json)"
              + " instead of the API.")
  Path historyFile;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "With --record: the test file to create or append to (default: <runbook-file>.test.yaml"
              + " beside the runbook).")
  Path out;

  @Option(
      names = "--name",
      paramLabel = "CASE",
      description = "With --record: the case's name (default: recorded <workflow-id>).")
  String name;

  @Mixin ApiOptions api;

  /** Whether the command line asked to record a run. */
  public boolean active() {
    return workflowId != null || historyFile != null;
  }

  /**
   * Records the run and writes its case, printing where; errors are printed as {@code error: ...}.
   *
   * @param spec the command that carries these options
   * @param searched where the runbook's file is looked for when there is no {@code --out}
   * @return 0 when written, 1 when the API refused, 77 when it refused to authenticate or allow (69
   *     unreachable), 2 when the run cannot be recorded
   */
  public int record(CommandSpec spec, List<Path> searched) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String json = history(spec);
      ApiClient client = historyFile == null ? api.client(spec) : null;
      Recording.Written written =
          Recording.record(
              json,
              name,
              this.out,
              searched,
              child ->
                  client == null
                      ? null
                      : Json.write(client.get("/api/history/" + ApiClient.pathOf(child))));
      var expect = (Map<?, ?>) written.recorded().testCase().get("expect");
      out.println(
          "recorded run "
              + written.recorded().workflowId()
              + " ("
              + written.recorded().runbook()
              + ", "
              + expect.get("outcome")
              + ") as case '"
              + written.caseName()
              + "' in "
              + written.file());
      if (!written.recorded().missing().isEmpty()) {
        out.println(
            "note: the runs of called runbooks were not read (a history file holds one run), so"
                + " their steps have no mocks: "
                + written.recorded().missing());
      }
      out.println("run it with: bin/runbook test " + written.file());
      out.flush();
      return 0;
    } catch (ApiClient.ApiError e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return ExitCodes.of(e);
    } catch (RecordException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return EXIT_NOT_RECORDED;
    }
  }

  private String history(CommandSpec spec) {
    if (historyFile != null) {
      try {
        return Files.readString(historyFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new RecordException("cannot read " + historyFile + ": " + e.getMessage(), e);
      }
    }
    if (workflowId == null || workflowId.isBlank()) {
      throw new RecordException("--record needs the run's workflow id");
    }
    ApiClient client = api.client(spec);
    return Json.write(client.get("/api/history/" + ApiClient.pathOf(workflowId)));
  }
}
