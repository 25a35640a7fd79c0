package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.evidence;
import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.request;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.StepBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorTest {
  @TempDir Path dir;

  private final CommandExecutor command = new CommandExecutor();

  /** Writes an executable /bin/sh script; the executor runs it as argv[0], never via a shell. */
  private String script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file.toString();
  }

  @Test
  void shellMetacharactersInArgvAreDeliveredLiterallyAndNothingRuns() {
    Path pwned = dir.resolve("pwned");
    Path x = dir.resolve("x");
    List<String> payloads =
        List.of(
            "\"; rm -rf " + x + "; touch " + x + "; echo \"",
            "$(touch " + pwned + ")",
            "`touch " + pwned + "`",
            "a; touch " + pwned,
            "| touch " + pwned + " &&",
            "$HOME ${PATH} * ?");
    for (String payload : payloads) {
      Map<String, Object> result = run(command, Map.of("argv", List.of("printf", "%s", payload)));

      assertThat(result).containsEntry("stdout", payload).containsEntry("exitCode", 0L);
    }
    assertThat(pwned).doesNotExist();
    assertThat(x).doesNotExist();
  }

  @Test
  void maliciousEnvValueIsOnlyAValue() throws IOException {
    Path pwned = dir.resolve("pwned");
    String payload = "$(touch " + pwned + "); `touch " + pwned + "`";
    String printer = script("print-env.sh", "printf %s \"$ALERT_SUMMARY\"");

    Map<String, Object> result =
        run(command, Map.of("argv", List.of(printer), "env", Map.of("ALERT_SUMMARY", payload)));

    assertThat(result).containsEntry("stdout", payload);
    assertThat(pwned).doesNotExist();
  }

  @Test
  void resultHasExitCodeOutputsJsonDurationAndArgv() throws IOException {
    String emit = script("emit.sh", "printf '{\"healthy\": true, \"n\": 2}'; echo warn >&2");

    Map<String, Object> result = run(command, Map.of("argv", List.of(emit, "arg")));

    assertThat(result)
        .containsEntry("exitCode", 0L)
        .containsEntry("stdout", "{\"healthy\": true, \"n\": 2}")
        .containsEntry("stderr", "warn\n")
        .containsEntry("json", Map.of("healthy", true, "n", 2L))
        .containsEntry("argv", List.of(emit, "arg"))
        .containsEntry("stdoutTruncated", false)
        .containsKey("durationMs");
  }

  @Test
  void jsonIsNullWhenStdoutIsNotJson() {
    Map<String, Object> result = run(command, Map.of("argv", List.of("echo", "not json")));

    assertThat(result).containsEntry("stdout", "not json\n").containsEntry("json", null);
  }

  @Test
  void unexpectedExitCodeIsCommandFailedWithStderrTail() throws IOException {
    String fail = script("fail.sh", "echo partial; echo 'disk is full' >&2; exit 3");

    var failure =
        failure(command, Map.of("argv", List.of(fail)), StepFailures.COMMAND_FAILED, true);

    assertThat(failure.getOriginalMessage())
        .contains("'fail.sh' exited with 3, expected 0")
        .contains("disk is full");
    assertThat(evidence(failure).get("exitCode")).hasToString("3");
    assertThat(evidence(failure)).containsEntry("stdout", "partial\n");
  }

  @Test
  void expectExitCodesAcceptsOtherCodes() throws IOException {
    String three = script("three.sh", "exit 3");

    Map<String, Object> result =
        run(command, Map.of("argv", List.of(three), "expectExitCodes", List.of(0, 3)));

    assertThat(result).containsEntry("exitCode", 3L);
    failure(
        command,
        Map.of("argv", List.of("true"), "expectExitCodes", List.of(1)),
        StepFailures.COMMAND_FAILED,
        true);
  }

  @Test
  void writesStdinAndRunsInWorkingDir() throws IOException {
    assertThat(run(command, Map.of("argv", List.of("cat"), "stdin", "hello\nworld")))
        .containsEntry("stdout", "hello\nworld");
    assertThat(run(command, Map.of("argv", List.of("cat")))).containsEntry("stdout", "");
    assertThat(run(command, Map.of("argv", List.of("pwd"), "workingDir", dir.toString())))
        .containsEntry("stdout", dir.toRealPath() + "\n");
  }

  @Test
  void stdinTheCommandDoesNotReadIsIgnored() {
    Map<String, Object> result =
        run(command, Map.of("argv", List.of("true"), "stdin", "x".repeat(4 << 20)));

    assertThat(result).containsEntry("exitCode", 0L);
  }

  @Test
  void timeoutKillsTheProcessTree() throws Exception {
    Path childPid = dir.resolve("child.pid");
    String spawner = script("spawn.sh", "sleep 300 &\necho $! > " + childPid + "\nsleep 300");
    long start = System.nanoTime();

    var failure =
        failure(
            command,
            Map.of("argv", List.of(spawner), "timeout", "700ms"),
            StepFailures.COMMAND_TIMEOUT,
            true);

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    assertThat(failure.getOriginalMessage()).contains("'spawn.sh' timed out after 700ms");
    assertThat(evidence(failure)).containsEntry("exitCode", null);
    long pid = Long.parseLong(Files.readString(childPid).trim());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void heartbeatsWhileTheCommandRuns() {
    AtomicInteger beats = new AtomicInteger();
    CommandExecutor fast = new CommandExecutor(Duration.ofMillis(50));

    fast.execute(
        request("command", Map.of("argv", List.of("sleep", "0.6"))),
        new StepContext(1, details -> beats.incrementAndGet()));

    assertThat(beats.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void failingHeartbeatKillsTheCommandAndPropagates() throws IOException {
    Path pidFile = dir.resolve("self.pid");
    String sleeper = script("sleeper.sh", "echo $$ > " + pidFile + "\nexec sleep 300");
    CommandExecutor fast = new CommandExecutor(Duration.ofMillis(200));
    StepContext cancelled =
        new StepContext(
            1,
            details -> {
              throw new IllegalStateException("activity cancelled");
            });

    assertThatThrownBy(
            () -> fast.execute(request("command", Map.of("argv", List.of(sleeper))), cancelled))
        .hasMessage("activity cancelled");

    long pid = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void capsLargeStdoutAndStderrWithoutDeadlock() throws IOException {
    String noisy =
        script(
            "noisy.sh",
            "head -c 3000000 /dev/zero | tr '\\0' e >&2; head -c 10000000 /dev/zero | tr '\\0' o");

    Map<String, Object> result = run(command, Map.of("argv", List.of(noisy), "timeout", "30s"));

    int cap = CommandExecutor.OUTPUT_CAP;
    assertThat((String) result.get("stderr")).hasSize(cap / 4);
    assertThat((String) result.get("stdout")).hasSize(cap - cap / 4);
    assertThat(result)
        .containsEntry("stdoutTruncated", true)
        .containsEntry("stderrTruncated", true)
        .containsEntry("stdoutBytes", 10_000_000L)
        .containsEntry("stderrBytes", 3_000_000L)
        .containsEntry("json", null);
    assertThat(dev.runbooks.language.expr.Json.write(result).length()).isLessThan(cap + 4096);
  }

  @Test
  void largeJsonStdoutKeepsTheTextAndSaysWhyJsonIsOmitted() throws IOException {
    String big =
        script(
            "big.sh", "printf '['; for i in $(seq 1 40000); do printf '%d,' $i; done; printf '0]'");

    Map<String, Object> result = run(command, Map.of("argv", List.of(big), "timeout", "30s"));

    int cap = CommandExecutor.OUTPUT_CAP;
    assertThat((String) result.get("stdout")).startsWith("[1,2,3").endsWith(",0]");
    assertThat(result).containsEntry("stdoutTruncated", false).containsEntry("json", null);
    assertThat((String) result.get("jsonOmitted")).contains("result cap of " + cap);
    assertThat(dev.runbooks.language.expr.Json.write(result).length()).isLessThan(cap + 4096);
  }

  @Test
  void missingProgramIsCommandStartFailedAndNotRetryable() {
    var failure =
        failure(
            command,
            Map.of("argv", List.of(dir.resolve("no-such-program").toString())),
            StepFailures.COMMAND_START_FAILED,
            false);

    assertThat(failure.getOriginalMessage()).contains("cannot start 'no-such-program'");
  }

  @Test
  void interruptedWhileWaitingIsInterruptedAndKillsTheCommand() {
    Thread.currentThread().interrupt();
    try {
      failure(command, Map.of("argv", List.of("sleep", "300")), StepFailures.INTERRUPTED, true);
    } finally {
      Thread.interrupted();
    }
  }

  /**
   * Compiles a runbook whose only step is a command, renders its config the way the interpreter
   * does (every template, over these inputs) and returns it: what the activity receives.
   */
  private static Map<String, Object> rendered(String commandYaml, Map<String, Object> inputs) {
    String source =
        "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata: {name: options}\n"
            + "inputs: {value: {type: string}}\n"
            + "steps:\n  - id: run\n    command:\n"
            + commandYaml;
    Compilation compilation = RunbookCompiler.standard().compile(source, "options.yaml");
    assertThat(compilation.problems()).isEmpty();
    StepBody.Action action = (StepBody.Action) compilation.runbook().stepsById().get("run").body();
    @SuppressWarnings("unchecked")
    Map<String, Object> config =
        (Map<String, Object>) Templates.renderTree(action.config(), Map.of("inputs", inputs));
    return config;
  }

  @Test
  void templatedArgumentStartingWithADashIsRefusedBeforeAnythingRuns() {
    Path pwned = dir.resolve("pwned");
    Map<String, Object> config =
        rendered(
            "      argv: [find, /tmp, -maxdepth, \"0\", -name, \"${{ inputs.value }}\"]\n",
            Map.of("value", "-exec"));

    var failure = failure(command, config, StepFailures.INVALID_STEP_CONFIG, false);

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "command step config: 'argv[5]' comes from a template and starts with '-', so 'find'"
                + " would read it as an option; put a literal '--' before it (when the program"
                + " takes one), or set allowOptionArgs: true on the step when options from values"
                + " are intended");
    assertThat(pwned).doesNotExist();
  }

  @Test
  void templatedArgumentAfterALiteralDoubleDashIsAnOperand() {
    Map<String, Object> config =
        rendered(
            "      argv: [cat, --, \"${{ inputs.value }}\"]\n      expectExitCodes: [1]\n",
            Map.of("value", "--help"));

    // cat looks for a file named --help instead of printing its usage.
    assertThat((String) run(command, config).get("stderr")).contains("--help: No such file");
  }

  @Test
  void allowOptionArgsLetsATemplatedOptionThrough() {
    Map<String, Object> config =
        rendered(
            "      argv: [printf, \"${{ inputs.value }}\"]\n      allowOptionArgs: true\n",
            Map.of("value", "-x"));

    assertThat(run(command, config)).containsEntry("exitCode", 0L);
  }

  @Test
  void aCommandMarkedReadOnlyRunsLikeAnyOther() {
    Map<String, Object> config =
        rendered("      argv: [printf, ok]\n      mutating: false\n", Map.of());

    assertThat(config).containsEntry("mutating", false);
    assertThat(run(command, config)).containsEntry("stdout", "ok").containsEntry("exitCode", 0L);
  }

  @Test
  void literalOptionsAndArgumentsThatBeginWithLiteralTextAreNotChecked() {
    Map<String, Object> config =
        rendered(
            "      argv: [printf, \"%s|%s|%s\", -n, \"--name=${{ inputs.value }}\","
                + " \"${{ inputs.value }}\"]\n",
            Map.of("value", "plain"));

    assertThat(config).containsEntry("templatedArgs", List.of(4L));
    assertThat(run(command, config)).containsEntry("stdout", "-n|--name=plain|plain");
  }

  @Test
  void aLiteralDoubleDashAfterTheTemplatedArgumentDoesNotHelp() {
    Map<String, Object> config =
        rendered("      argv: [printf, \"${{ inputs.value }}\", --]\n", Map.of("value", "-v"));

    failure(command, config, StepFailures.INVALID_STEP_CONFIG, false);
  }

  @Test
  void aTemplatedDoubleDashDoesNotEndTheOptions() {
    Map<String, Object> config =
        rendered(
            "      argv: [printf, \"%s\", \"${{ inputs.value }}\", \"${{ inputs.value }}-x\"]\n",
            Map.of("value", "--"));

    var failure = failure(command, config, StepFailures.INVALID_STEP_CONFIG, false);

    assertThat(failure.getOriginalMessage()).startsWith("command step config: 'argv[2]'");
  }
}
