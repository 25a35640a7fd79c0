package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.worker.DevServerConfig;
import dev.runbooks.worker.TemporalProperties.SearchAttributes;
import dev.runbooks.workflows.RunbookSearchAttributes;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both search-attribute modes against the real Temporal dev server: verify fails on a namespace
 * that lacks attributes with the exact CLI commands (which are then run and make verify pass),
 * names only the missing one when one is missing, and never adds anything; register adds them.
 */
class SearchAttributeModesTest {
  private static final int PORT = 40520;
  private static final String TARGET = "127.0.0.1:" + PORT;

  @TempDir static Path dir;
  static Path cli;
  static Process server;
  static WorkflowServiceStubs stubs;

  @BeforeAll
  static void start() throws Exception {
    cli = Path.of("..", ".tools", "bin", "temporal").toAbsolutePath().normalize();
    assertThat(cli).as("the Temporal CLI (make tools)").isExecutable();
    Path log = dir.resolve("temporal.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(PORT),
                "--http-port",
                "40521",
                "--metrics-port",
                "40522",
                "--log-level",
                "warn",
                "--namespace",
                "verify-ns",
                "--namespace",
                "partial-ns",
                "--namespace",
                "register-ns"));
    command.addAll(DevServerConfig.arguments());
    server =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (!accepts()) {
      if (!server.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the dev server did not start: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(TARGET).build());
    stubs.healthCheck(); // waits out the frontend's start
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (server != null) {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void verifyFailsWithTheCreateCommandsWhichMakeItPassOnceRun() throws Exception {
    String message = verifyFailure("verify-ns");
    List<String> commands = commands(message);
    assertThat(commands).hasSize(RunbookSearchAttributes.definitions().size());
    assertThat(message)
        .contains("runbook.temporal.search-attributes=verify does not add them")
        .contains(
            "temporal operator search-attribute create --namespace verify-ns --name RunbookName"
                + " --type Keyword")
        .contains("--name ApprovalWaitingSince --type Datetime");
    assertThat(existing("verify-ns")).isEmpty(); // verify added nothing

    for (String command : commands) {
      run(command);
    }
    SearchAttributeRegistrar.ensure(
        stubs, connection("verify-ns"), SearchAttributes.VERIFY, Duration.ofSeconds(30));
  }

  @Test
  void verifyNamesOnlyTheMissingAttribute() throws Exception {
    List<String> all = commands(verifyFailure("partial-ns"));
    for (String command : all.subList(0, all.size() - 1)) {
      run(command);
    }
    String message = verifyFailure("partial-ns");
    assertThat(commands(message)).containsExactly(all.get(all.size() - 1));
  }

  @Test
  void registerAddsTheMissingAttributesAndVerifyThenPasses() {
    SearchAttributeRegistrar.ensure(
        stubs, connection("register-ns"), SearchAttributes.REGISTER, Duration.ofSeconds(30));
    assertThat(existing("register-ns")).containsAllEntriesOf(RunbookSearchAttributes.definitions());
    SearchAttributeRegistrar.ensure(
        stubs, connection("register-ns"), SearchAttributes.VERIFY, Duration.ofSeconds(30));
  }

  private static String verifyFailure(String namespace) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                SearchAttributeRegistrar.ensure(
                    stubs, connection(namespace), SearchAttributes.VERIFY, Duration.ofSeconds(30)));
    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    return thrown.getMessage();
  }

  private static List<String> commands(String message) {
    return Arrays.stream(message.split("\n"))
        .map(String::strip)
        .filter(line -> line.startsWith("temporal operator search-attribute create "))
        .toList();
  }

  private static void run(String command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.set(0, cli.toString());
    args.addAll(List.of("--address", TARGET));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", command, output).isZero();
  }

  private static java.util.Map<String, io.temporal.api.enums.v1.IndexedValueType> existing(
      String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(SearchAttributeRegistrar.operatorOptions(stubs));
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } finally {
      operator.shutdown();
    }
  }

  private static TemporalConnection connection(String namespace) {
    return new TemporalConnection(TARGET, namespace, null, null);
  }

  private static boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", PORT), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
