package dev.runbooks.starter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.runbooks.workflows.RunbookSearchAttributes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Temporal dev server for a test class: the CLI from {@code .tools} ({@code make tools}; the
 * test is skipped without it), headless on loopback, with the engine's dynamic configuration
 * ({@link DevServerConfig}) and its search attributes, its log in the test's directory. {@link
 * #start} returns once the server accepts connections; {@link #close} stops it.
 */
public final class DevServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private DevServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a dev server and waits until it listens.
   *
   * @param dir where its log goes
   * @param firstPort the first port to try (its gRPC port, then the next free ones for HTTP and
   *     metrics, within 1,000 ports), or 0 for ports the system picks
   */
  public static DevServerProcess start(Path dir, int firstPort)
      throws IOException, InterruptedException {
    Path cli = Path.of("..", ".tools", "bin", "temporal").toAbsolutePath().normalize();
    assumeThat(Files.isExecutable(cli)).as("the Temporal CLI at " + cli).isTrue();
    int port = freePort(firstPort, firstPort);
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
                String.valueOf(port),
                "--http-port",
                String.valueOf(freePort(firstPort, port + 1)),
                "--metrics-port",
                String.valueOf(freePort(firstPort, port + 2)),
                "--log-level",
                "warn"));
    command.addAll(DevServerConfig.arguments());
    for (String name : RunbookSearchAttributes.definitions().keySet()) {
      boolean keyword =
          RunbookSearchAttributes.ALL.stream().anyMatch(k -> k.getName().equals(name));
      command.addAll(List.of("--search-attribute", name + (keyword ? "=Keyword" : "=Datetime")));
    }
    Path log = dir.resolve("temporal.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DevServerProcess server = new DevServerProcess(process, port);
    await(() -> accepts(port) || !process.isAlive(), "the dev server to listen");
    assertThat(process.isAlive()).as(() -> read(log)).isTrue();
    return server;
  }

  /** The server's gRPC address, {@code 127.0.0.1:port}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  /** Waits up to a minute for {@code condition}, failing the test with {@code what} after it. */
  public static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A free port: the system's choice when {@code range} is 0, else the first from {@code from}. */
  private static int freePort(int range, int from) throws IOException {
    if (range == 0) {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
    for (int port = from; port < range + 1_000; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        // taken: try the next
      }
    }
    throw new IllegalStateException("no free port in " + range + "-" + (range + 999));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
