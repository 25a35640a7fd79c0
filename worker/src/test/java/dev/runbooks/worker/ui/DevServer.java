package dev.runbooks.worker.ui;

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
 * The real Temporal dev server ({@code temporal server start-dev}) on free ports, in memory,
 * without its Web UI: unlike the embedded test server it has visibility, so runs can be listed and
 * found by search attributes. The CLI is {@code -Dtemporal.cli}, {@code $TEMPORAL_CLI}, the
 * repository's {@code .tools/bin/temporal} ({@code make tools}) or {@code temporal} on the PATH.
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
    Path cli = cli();
    Files.createDirectories(dir);
    int port = freePort();
    Path log = dir.resolve("temporal.log");
    List<String> command = new ArrayList<>();
    command.add(cli.toString());
    command.addAll(
        List.of(
            "server",
            "start-dev",
            "--headless",
            "--ip",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--http-port",
            String.valueOf(freePort()),
            "--metrics-port",
            String.valueOf(freePort()),
            "--log-level",
            "warn"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DevServer server = new DevServer(process, port, log);
    Instant deadline = Instant.now().plusSeconds(60);
    while (!server.accepts()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        server.close();
        throw new IllegalStateException(
            "the Temporal dev server did not start: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return server;
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

  private boolean accepts() {
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
