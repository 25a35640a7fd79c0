package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a config can be wrong fails non-retryably, naming the field but not its value. */
class InvalidStepConfigTest {
  private static final String SECRET = "s3cr3t-value";

  static Stream<Arguments> badConfigs() {
    StepExecutor http = new HttpExecutor(StepEnvironment.defaults());
    StepExecutor tcp = new TcpExecutor();
    StepExecutor command = new CommandExecutor();
    String url = "http://127.0.0.1:1/";
    return Stream.of(
        Arguments.of(http, Map.of(), "http step config: 'url' is required"),
        Arguments.of(http, Map.of("url", List.of(SECRET)), "'url' must be a string, not a list"),
        Arguments.of(http, Map.of("url", " "), "'url' must not be empty"),
        Arguments.of(http, Map.of("url", "ftp://" + SECRET), "'url' must be an absolute http"),
        Arguments.of(http, Map.of("url", "http://exa mple/" + SECRET), "'url' is not a valid URL"),
        Arguments.of(http, Map.of("url", "http://" + SECRET + "_x/"), "'url' has no host"),
        Arguments.of(http, Map.of("url", "http://localhost:99999/"), "'url' has a port above"),
        Arguments.of(http, Map.of("url", url, "method", "BREW"), "'method' must be one of"),
        Arguments.of(http, Map.of("url", url, "timeout", "soon"), "'timeout' is not a duration"),
        Arguments.of(http, Map.of("url", url, "timeout", "0s"), "'timeout' must be a positive"),
        Arguments.of(http, Map.of("url", url, "timeout", 30), "'timeout' must be a string"),
        Arguments.of(http, Map.of("url", url, "headers", List.of()), "'headers' must be a map"),
        Arguments.of(
            http,
            Map.of("url", url, "headers", Map.of("X-A", Map.of("k", SECRET))),
            "'headers.X-A' must be a string, not an object"),
        Arguments.of(
            http, Map.of("url", url, "headers", Map.of("Host", SECRET)), "'headers.Host' cannot"),
        Arguments.of(http, Map.of("url", url, "expect", "200"), "'expect' must be an object"),
        Arguments.of(
            http,
            Map.of("url", url, "expect", Map.of("status", "ok")),
            "'expect.status' must be an integer"),
        Arguments.of(
            http,
            Map.of("url", url, "expect", Map.of("status", List.of(200, 99))),
            "'expect.status[1]' must be an HTTP status"),
        Arguments.of(
            http,
            Map.of("url", url, "expect", Map.of("status", 2.5)),
            "'expect.status' must be an integer, not a number"),
        Arguments.of(
            http,
            Map.of("url", url, "expect", Map.of("body", "result.status ==")),
            "'expect.body' is not a valid condition"),
        Arguments.of(
            http,
            Map.of("url", url, "expect", Map.of("bodyy", "true")),
            "'expect.bodyy' is not a field"),
        Arguments.of(http, Map.of("url", url, "uri", url), "'uri' is not a field"),
        Arguments.of(tcp, Map.of("port", 80), "tcp step config: 'host' is required"),
        Arguments.of(tcp, Map.of("host", "localhost"), "'port' is required"),
        Arguments.of(tcp, Map.of("host", "localhost", "port", 70000), "'port' must be between"),
        Arguments.of(tcp, Map.of("host", "localhost", "port", 0), "'port' must be between"),
        Arguments.of(tcp, Map.of("host", "localhost", "port", SECRET), "'port' must be an integer"),
        Arguments.of(
            tcp, Map.of("host", "localhost", "port", true), "'port' must be an integer, not a"),
        Arguments.of(command, Map.of(), "command step config: 'argv' is required"),
        Arguments.of(command, Map.of("argv", List.of()), "'argv' must not be empty"),
        Arguments.of(command, Map.of("argv", "rm -rf /"), "'argv' must be a list of strings"),
        Arguments.of(command, Map.of("argv", List.of(" ")), "'argv[0]' must name a program"),
        Arguments.of(
            command, Map.of("argv", List.of("echo", Map.of())), "'argv[1]' must be a string"),
        Arguments.of(
            command, Map.of("argv", List.of("echo", "a\0b")), "'argv[1]' must not contain a NUL"),
        Arguments.of(command, argvWithNull(), "'argv[1]' must be a string, not null"),
        Arguments.of(
            command,
            Map.of("argv", List.of("true"), "env", List.of(SECRET)),
            "'env' must be a map"),
        Arguments.of(
            command,
            Map.of("argv", List.of("true"), "env", Map.of("A=B", SECRET)),
            "'env' has an invalid variable name"),
        Arguments.of(
            command,
            Map.of("argv", List.of("true"), "workingDir", "/no/such/dir/" + SECRET),
            "'workingDir' is not an existing directory"),
        Arguments.of(
            command,
            Map.of("argv", List.of("true"), "expectExitCodes", List.of("zero")),
            "'expectExitCodes[0]' must be an integer"),
        Arguments.of(
            command,
            Map.of("argv", List.of("true"), "expectExitCodes", List.of()),
            "'expectExitCodes' must not be empty"),
        Arguments.of(
            command, Map.of("argv", List.of("true"), "stdin", 42), "'stdin' must be a string"),
        Arguments.of(
            command,
            Map.of("argv", List.of("true"), "timeout", "5 minutes"),
            "'timeout' is not a duration"),
        Arguments.of(
            command, Map.of("argv", List.of("true"), "shell", true), "'shell' is not a field"));
  }

  private static Map<String, Object> argvWithNull() {
    Map<String, Object> config = new HashMap<>();
    config.put("argv", java.util.Arrays.asList("echo", null));
    return config;
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badConfigs")
  void badConfigIsInvalidStepConfig(
      StepExecutor executor, Map<String, Object> config, String message) {
    var failure = failure(executor, config, StepFailures.INVALID_STEP_CONFIG, false);

    assertThat(failure.getOriginalMessage()).contains(message).doesNotContain(SECRET);
  }
}
