package dev.runbooks.worker.ui;

import dev.runbooks.worker.DevServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Temporal dev server ({@code temporal server start-dev}) on free ports, in memory, with
 * the repository's dynamic configuration ({@link DevServerConfig}), without its Web UI: unlike the
 * embedded test server it has visibility, so runs can be listed and found by search attributes. The
 * CLI is {@code -Dtemporal.cli}, {@code $TEMPORAL_CLI}, the repository's {@code
 * .tools/bin/temporal} ({@code make tools}) or {@code temporal} on the PATH.
 */
final class DevServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private DevServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the dev server and waits until its frontend accepts connections. */
  static DevServer start(Path dir) throws IOException, InterruptedException {
    int port = freePort();
    return start(
        dir,
        port,
        List.of(
            "--headless",
            "--http-port",
            String.valueOf(freePort()),
            "--metrics-port",
            String.valueOf(freePort())));
  }

  /**
   * Starts the dev server with its Web UI on the given ports (the frontend's, the UI's, the HTTP
   * API's and the metrics'), with {@code extra} options, and waits until the frontend and the UI
   * accept connections.
   */
  static DevServer withWebUi(
      Path dir, int port, int uiPort, int httpPort, int metricsPort, String... extra)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "--ui-port",
            String.valueOf(uiPort),
            "--http-port",
            String.valueOf(httpPort),
            "--metrics-port",
            String.valueOf(metricsPort)));
    options.addAll(List.of(extra));
    DevServer server = start(dir, port, options);
    server.await(uiPort);
    return server;
  }

  private static DevServer start(Path dir, int port, List<String> options)
      throws IOException, InterruptedException {
    Path cli = cli();
    Files.createDirectories(dir);
    Path log = dir.resolve("temporal.log");
    List<String> command = new ArrayList<>();
    command.add(cli.toString());
    command.addAll(
        List.of("server", "start-dev", "--ip", "127.0.0.1", "--port", String.valueOf(port)));
    command.addAll(options);
    command.addAll(DevServerConfig.arguments());
    command.addAll(List.of("--log-level", "warn"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DevServer server = new DevServer(process, port, log);
    server.await(port);
    return server;
  }

  /** Waits until {@code listening} accepts connections, or fails with the server's log. */
  private void await(int listening) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!accepts(listening)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        close();
        throw new IllegalStateException(
            "the Temporal dev server did not start: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  /** The frontend's address, {@code 127.0.0.1:port}. */
  String target() {
    return "127.0.0.1:" + port;
  }

  /** The server's own log. */
  Path log() {
    return log;
  }

  @Override
  public void close() {
    Processes.stop(process);
  }

  /** The Temporal CLI, or an error saying how to get it. */
  static Path cli() {
    List<String> candidates = new ArrayList<>();
    if (System.getProperty("temporal.cli") != null) {
      candidates.add(System.getProperty("temporal.cli"));
    }
    if (System.getenv("TEMPORAL_CLI") != null) {
      candidates.add(System.getenv("TEMPORAL_CLI"));
    }
    candidates.add(
        Path.of("..", ".tools", "bin", "temporal").toAbsolutePath().normalize().toString());
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        candidates.add(Path.of(dir, "temporal").toString());
      }
    }
    for (String candidate : candidates) {
      Path file = Path.of(candidate);
      if (Files.isExecutable(file)) {
        return file;
      }
    }
    throw new IllegalStateException(
        "the Temporal CLI is needed for the web page tests (runs are listed through visibility,"
            + " which the embedded test server lacks): run 'make tools', or name it with"
            + " TEMPORAL_CLI=/path/to/temporal");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
