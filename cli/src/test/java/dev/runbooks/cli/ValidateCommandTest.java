package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code runbook validate} and {@code runbook graph} on real files. */
class ValidateCommandTest {
  private static final String FIXTURES = "src/test/resources/fixtures/";

  @Test
  void acceptsValidFilesInADirectory() {
    Result r = run("validate", FIXTURES + "valid");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("ok " + FIXTURES + "valid/greet.yaml: greet sha256:");
    assertThat(r.out).contains("gated.yml");
    assertThat(r.out).endsWith("2 files, 0 problems\n");
  }

  @Test
  void printsEveryProblemWithItsLocationAndExitsOne() {
    Result r = run("validate", FIXTURES + "valid/greet.yaml", FIXTURES + "invalid");
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out)
        .containsPattern(
            "(?m)^src/test/resources/fixtures/invalid/two-problems\\.yaml:7:\\d+: steps\\[0\\]"
                + "\\.sleep: invalid duration 'forever'.*$")
        .containsPattern(
            "(?m)^src/test/resources/fixtures/invalid/two-problems\\.yaml:9:\\d+: .*nowhere");
    assertThat(r.out).endsWith("2 files, 2 problems\n");
  }

  @Test
  void reportsACallCycleThroughSeveralFiles() {
    Result r = run("validate", FIXTURES + "cycle");
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out)
        .contains(
            FIXTURES
                + "cycle/ping-a.yaml:6:5: steps[0].call.runbook: call cycle ping-a -> ping-b ->"
                + " ping-a: declare maxDepth on one of these calls (such as maxDepth: 3) to bound"
                + " how deep the calls can nest\n")
        .contains(FIXTURES + "cycle/ping-b.yaml:6:5: steps[0].call.runbook: call cycle ping-b");
    assertThat(r.out).endsWith("2 files, 2 problems\n");
  }

  @Test
  void reportsACallToARunbookNotInTheDirectoryButNotForALoneFile() {
    Result r = run("validate", FIXTURES + "calls");
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out)
        .contains(
            FIXTURES
                + "calls/caller.yaml:8:16: steps[0].call.runbook: call to runbook"
                + " 'no-such-runbook', which is not in the catalog\n");
    assertThat(r.out).endsWith("1 file, 1 problems\n");
    assertThat(run("validate", FIXTURES + "calls/caller.yaml").code).isZero();
  }

  @Test
  void checksRouteNamesAgainstARoutesFile(@TempDir Path dir) throws IOException {
    Path runbook =
        Files.writeString(
            dir.resolve("page.yaml"),
            "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata: {name: page}\nsteps:\n"
                + "  - id: page\n    escalate:\n      route: oncal\n      summary: down\n");
    Path routes =
        Files.writeString(dir.resolve("routes.yaml"), "runbook:\n  routes:\n    oncall: {}\n");

    Result r = run("validate", "--routes", routes.toString(), runbook.toString());

    assertThat(r.code).isEqualTo(1);
    assertThat(r.out)
        .contains(
            runbook
                + ":7:14: steps[0].escalate.route: route 'oncal' is not one of the worker's routes"
                + " (oncall); did you mean 'oncall'?\n")
        .endsWith("1 file, 1 problems\n");
    assertThat(run("validate", runbook.toString()).code).isZero();
    assertThat(
            run("validate", "--routes", dir.resolve("none.yaml").toString(), runbook.toString())
                .code)
        .isEqualTo(2);
  }

  @Test
  void reportsMissingPaths() {
    Result r = run("validate", FIXTURES + "missing.yaml");
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out).contains("missing.yaml: no such file or directory").contains("1 problems");
  }

  @Test
  void reportsAFileThatIsNotUtf8AsALocatedProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(
        file,
        "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata: {name: caf\u00e9}\n"
            .getBytes(StandardCharsets.ISO_8859_1));

    Result r = run("validate", file.toString());

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).isEmpty();
    assertThat(r.out)
        .isEqualTo(
            file
                + ":3:21: the file is not UTF-8 text: byte 0xE9 at offset 62 is not valid UTF-8;"
                + " save the file as UTF-8\n1 file, 1 problems\n");
  }

  @Test
  void reportsAFileOverTheSizeLimitWithoutReadingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.yaml");
    Files.writeString(file, "x: " + "y".repeat(3 << 20) + "\n");

    Result r = run("validate", file.toString());

    assertThat(r.code).isEqualTo(1);
    assertThat(r.out)
        .startsWith(
            file + ":1:1: the file is 3145732 bytes long; the limit is 1048576 bytes, so it was");
  }

  @Test
  void drawsAMermaidGraph() {
    Result r = run("graph", FIXTURES + "valid/greet.yaml");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("hello").contains("done");
  }

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = RunbookCli.commandLineFor(args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
