package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.cli.ValidateCommandTest.Result;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The conventions every command keeps: help on every subcommand (even with required parameters
 * missing), exit codes that never collide (usage 64, API unreachable 69, not authorized 77), the
 * exit codes in each --help footer, {@code -o json} on every command with valid JSON, the version
 * and the completion script.
 */
class CliConventionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURES = "src/test/resources/fixtures/";

  /** Every command path below the root, such as [runs] and [token, create]. */
  private static List<List<String>> commands() {
    List<List<String>> paths = new ArrayList<>();
    collect(RunbookCli.commandLine(), new ArrayList<>(), paths);
    return paths;
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> paths) {
    for (var sub : cli.getSubcommands().entrySet()) {
      if (!sub.getKey().equals(sub.getValue().getCommandName())) {
        continue; // an alias, such as acknowledge for ack
      }
      List<String> mine = new ArrayList<>(path);
      mine.add(sub.getKey());
      paths.add(mine);
      collect(sub.getValue(), mine, paths);
    }
  }

  @Test
  void everySubcommandPrintsItsHelpWithItsExitCodesAndExits0() {
    List<List<String>> commands = commands();
    assertThat(commands).hasSizeGreaterThan(25);
    for (List<String> command : commands) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(command);
        args.add(flag);
        Result r = ValidateCommandTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as("%s: %s", args, r.err()).isZero();
        assertThat(r.out()).as("%s", args).contains("Usage: runbook " + String.join(" ", command));
        if (!command.get(0).equals("help")) {
          assertThat(r.out()).as("%s", args).contains("Exit codes:", "64", "Usage error");
        }
      }
    }
  }

  @Test
  void helpWinsOverMissingParametersAndTheFooterListsTheOutcomes() {
    Result start = ValidateCommandTest.run("start", "--help");
    assertThat(start.code()).isZero();
    assertThat(start.out()).contains("Usage: runbook start", "NAME");
    Result follow = ValidateCommandTest.run("follow", "--help");
    assertThat(follow.out())
        .containsPattern("(?m)^\\s+2\\s+The run escalated")
        .containsPattern("(?m)^\\s+3\\s+The run failed")
        .containsPattern("(?m)^\\s+4\\s+The run was aborted")
        .containsPattern("(?m)^\\s+69\\s+The API cannot be reached")
        .containsPattern("(?m)^\\s+77\\s+Not authenticated");
    assertThat(ValidateCommandTest.run("validate", "--help").out())
        .containsPattern("(?m)^\\s+1\\s+Problems found");
  }

  @Test
  void usageErrorsExit64WithTheMessageAndWhereToFindHelp() {
    Result unknown = ValidateCommandTest.run("runs", "--bogus");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err())
        .contains("error: Unknown option: '--bogus'")
        .contains("Try 'runbook runs --help'");
    assertThat(ValidateCommandTest.run("start").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(ValidateCommandTest.run("validate").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(ValidateCommandTest.run("nonsense").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(ValidateCommandTest.run("runs", "--limit", "0").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(ValidateCommandTest.run("runs", "--since", "whenever").err())
        .contains("invalid --since 'whenever'");
  }

  @Test
  void anUnreachableApiExits69AndARefusedTokenExits77() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Result unreachable =
        ValidateCommandTest.run("status", "x", "--api", "http://127.0.0.1:" + closed);
    assertThat(unreachable.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(unreachable.err()).contains("cannot reach the runbook API");
    try (FakeApi api = new FakeApi()) {
      api.answer("GET /api/runs/x", 401, "{\"error\":\"unauthorized\"}");
      Result refused = api.cli("status", "x", "--token", "rbk_nope", "-o", "json");
      assertThat(refused.code()).isEqualTo(ExitCodes.NOT_AUTHORIZED);
      JsonNode error = JSON.readTree(refused.out());
      assertThat(error.get("status").asInt()).isEqualTo(401);
      assertThat(error.get("exitCode").asInt()).isEqualTo(77);
      api.answer("GET /api/runs/y", 503, "{\"error\":\"Temporal is unavailable\"}");
      assertThat(api.cli("status", "y", "--token", "t").code()).isEqualTo(ExitCodes.UNAVAILABLE);
    }
  }

  @Test
  void everyCommandTakesTheOutputOption() {
    for (List<String> command : commands()) {
      CommandLine cli = RunbookCli.commandLine();
      for (String name : command) {
        cli = cli.getSubcommands().get(name);
      }
      boolean leaf = cli.getSubcommands().isEmpty();
      if (leaf && !command.get(0).equals("help")) {
        assertThat(cli.getCommandSpec().findOption("--output")).as("%s", command).isNotNull();
        assertThat(cli.getCommandSpec().findOption("-o")).as("%s", command).isNotNull();
      }
    }
  }

  @Test
  void localCommandsPrintValidJson() throws Exception {
    Result valid = ValidateCommandTest.run("validate", "-o", "json", FIXTURES + "valid");
    assertThat(valid.code()).isZero();
    JsonNode ok = JSON.readTree(valid.out());
    assertThat(ok.get("files").asInt()).isEqualTo(2);
    assertThat(ok.get("problems")).isEmpty();

    Result invalid =
        ValidateCommandTest.run(
            "validate", "--output", "json", FIXTURES + "invalid/two-problems.yaml", "nowhere.yaml");
    assertThat(invalid.code()).isEqualTo(1);
    JsonNode problems = JSON.readTree(invalid.out());
    assertThat(problems.get("files").asInt()).isEqualTo(1);
    assertThat(problems.get("problems")).hasSize(3);
    JsonNode first = problems.get("problems").get(0);
    assertThat(first.get("file").asText()).isEqualTo("nowhere.yaml");
    JsonNode second = problems.get("problems").get(1);
    assertThat(second.get("file").asText()).endsWith("two-problems.yaml");
    assertThat(second.get("line").asInt()).isEqualTo(7);
    assertThat(second.get("column").asInt()).isPositive();
    assertThat(second.get("path").asText()).startsWith("steps[0]");
    assertThat(second.get("severity").asText()).isEqualTo("error");
    assertThat(second.get("message").asText()).isNotBlank();
    for (JsonNode p : problems.get("problems")) {
      assertThat(p.fieldNames())
          .toIterable()
          .containsExactly("file", "line", "column", "path", "severity", "message");
    }

    JsonNode graph =
        JSON.readTree(
            ValidateCommandTest.run("graph", "-o", "json", FIXTURES + "valid/greet.yaml").out());
    assertThat(graph.get("mermaid").asText()).startsWith("flowchart");
    JsonNode completion =
        JSON.readTree(ValidateCommandTest.run("completion", "bash", "-o", "json").out());
    assertThat(completion.get("shell").asText()).isEqualTo("bash");
  }

  @Test
  void apiCommandsPrintTheAnswerAsJsonAndNoText() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.answer("GET /api/runs/r1", 200, "{\"workflowId\":\"r1\",\"runbook\":\"greet\"}");
      api.answer("GET /api/guard-rails", 200, "{\"automation\":{\"enabled\":true}}");
      api.answer("GET /api/locks", 200, "{\"locks\":[]}");
      api.answer("GET /api/tokens", 200, "{\"tokens\":[]}");
      api.answer("POST /api/runs/r1/approve", 200, "{\"result\":\"accepted\",\"step\":\"ask\"}");
      api.answer("GET /api/audit", 200, "{\"entries\":[]}");
      for (String[] args :
          List.of(
              new String[] {"status", "r1"},
              new String[] {"rails"},
              new String[] {"locks"},
              new String[] {"token", "list"},
              new String[] {"approve", "r1"},
              new String[] {"report", "r1"})) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("-o", "json", "--token", "t"));
        Result r = api.cli(all.toArray(String[]::new));
        assertThat(r.code()).as("%s %s", all, r.err()).isZero();
        JsonNode answer = JSON.readTree(r.out());
        assertThat(answer.isObject()).as("%s", all).isTrue();
      }
      JsonNode report = JSON.readTree(api.cli("report", "r1", "-o", "json", "--token", "t").out());
      assertThat(report.get("run").get("workflowId").asText()).isEqualTo("r1");
    }
  }

  @Test
  void runsPagesThroughTheApiUpToTheLimitWithTheFilters() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.answer(
          "GET /api/runs?limit=3&outcome=escalated&service=jarvis",
          200,
          "{\"runs\":[{\"workflowId\":\"a\"},{\"workflowId\":\"b\"}],\"count\":2,"
              + "\"nextPageToken\":\"p2\"}");
      api.answer(
          "GET /api/runs?limit=1&outcome=escalated&service=jarvis&pageToken=p2",
          200,
          "{\"runs\":[{\"workflowId\":\"c\"}],\"count\":1,\"nextPageToken\":\"p3\"}");
      Result r =
          api.cli(
              "runs",
              "--outcome",
              "escalated",
              "--service",
              "jarvis",
              "--limit",
              "3",
              "-o",
              "json",
              "--token",
              "t");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode page = JSON.readTree(r.out());
      assertThat(page.get("count").asInt()).isEqualTo(3);
      assertThat(page.get("runs").findValuesAsText("workflowId")).containsExactly("a", "b", "c");
      assertThat(page.get("nextPageToken").asText()).isEqualTo("p3");
      assertThat(api.requests).hasSize(2);

      Result text =
          api.cli("runs", "--outcome", "escalated", "--service", "jarvis", "--limit", "3");
      assertThat(text.out()).contains("WORKFLOW ID", "OUTCOME").containsPattern("(?m)^c\\s");
      api.requests.clear();
      api.answer("GET /api/runs", 200, "{\"runs\":[],\"count\":0}");
      assertThat(api.cli("runs", "--since", "2h", "--token", "t").code()).isZero();
      assertThat(api.only().path()).containsPattern("since=20\\d\\d-\\d\\d-\\d\\dT");
    }
  }

  @Test
  void reportFillsATeamsTemplateAndATemplateErrorExits1WithItsLocation(@TempDir Path dir)
      throws Exception {
    Path good = Files.writeString(dir.resolve("good.mustache"), "# {{incident}}: {{outcome}}\n");
    Path bad = Files.writeString(dir.resolve("bad.mustache"), "# PIR\n{{#timeline}}\n");
    try (FakeApi api = new FakeApi()) {
      api.answer(
          "GET /api/runs/r1",
          200,
          "{\"workflowId\":\"r1\",\"runbook\":\"greet\",\"report\":{\"outcome\":\"resolved\"}}");
      api.answer("GET /api/audit", 200, "{\"entries\":[]}");
      Result filled = api.cli("report", "r1", "--template", good.toString(), "--token", "t");
      assertThat(filled.code()).as(filled.err()).isZero();
      assertThat(filled.out()).matches("# INC-\\?{4}-\\?{2}-\\?{2}-[0-9A-F]{6}: resolved\n");
      api.requests.clear();
      Result broken = api.cli("report", "r1", "--template", bad.toString(), "--token", "t");
      assertThat(broken.code()).isEqualTo(ExitCodes.PROBLEMS);
      assertThat(broken.err()).startsWith("error: " + bad + ":").contains("template error");
      assertThat(api.requests).as("the template is checked before the API is asked").isEmpty();
    }
  }

  @Test
  void theVersionComesFromTheJarManifest() {
    Result version = ValidateCommandTest.run("--version");
    assertThat(version.code()).isZero();
    // Tests run from target/classes, which has no manifest: the provider says so instead of
    // making a version up. The distribution check (scripts/dist-check.sh) runs the jar.
    assertThat(version.out()).startsWith("runbook " + VersionProvider.version());
    assertThat(ValidateCommandTest.run("runs", "--version").out()).startsWith("runbook ");
    assertThat(ValidateCommandTest.run("validate", "-V").code()).isZero();
  }

  @Test
  void theCompletionScriptsNameEveryCommandAndBashAcceptsThem(@TempDir Path dir) throws Exception {
    for (String shell : List.of("bash", "zsh")) {
      Result r = ValidateCommandTest.run("completion", shell);
      assertThat(r.code()).isZero();
      for (List<String> command : commands()) {
        assertThat(r.out()).as("%s %s", shell, command).contains(command.get(command.size() - 1));
      }
      assertThat(r.out()).contains("complete -F", "--output");
      if (shell.equals("bash")) {
        Path script = Files.writeString(dir.resolve("runbook.bash"), r.out());
        Process bash =
            new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
      } else {
        assertThat(r.out()).startsWith("#compdef runbook").contains("bashcompinit");
      }
    }
  }
}
