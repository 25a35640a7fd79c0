package dev.runbooks.worker.loop;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real server binary from a Debian package as a child process on a free loopback port, with its
 * files and its log (standard output and error) in a directory of its own. It is ready once {@code
 * GET /-/ready} answers 200, as Prometheus and Alertmanager do. Never silently skipped: without the
 * binary the constructor fails and says how to install it.
 */
public abstract class RealProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int TAIL_LINES = 40;

  private final String name;
  private final Path log;
  private final int port;
  private final Process process;

  /**
   * Starts the binary and waits until it is ready; on failure the process is killed and the error
   * carries the end of its log.
   *
   * @param name the program's name in messages, such as {@code Prometheus}
   * @param binary where the Debian package installs it
   * @param debianPackage the package {@code scripts/install-deps.sh} installs it from
   * @param dir its directory; the log is {@code <dir>/<binary file name>.log}
   * @param arguments its arguments for the loopback port it is given
   * @param ready how long it may take to become ready
   */
  protected RealProcess(
      String name,
      Path binary,
      String debianPackage,
      Path dir,
      IntFunction<List<String>> arguments,
      Duration ready)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(
          binary
              + " is missing: run scripts/install-deps.sh (as root; CI runs it) to install the"
              + " Debian package "
              + debianPackage
              + ". This test drives the real "
              + name
              + " and is never skipped.");
    }
    this.name = name;
    Files.createDirectories(dir);
    this.log = dir.resolve(binary.getFileName() + ".log");
    this.port = freePort();
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments.apply(port));
    this.process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitReady(ready);
  }

  /** The base URL of its API and UI, such as {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://" + address();
  }

  /** {@code host:port}, as a scrape target or an Alertmanager target is written. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** {@code GET} on its API; the body as text, whatever the status. */
  public String get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url() + path)).GET()).body();
  }

  /** {@code POST} of a JSON body to its API. */
  protected HttpResponse<String> postJson(String path, String json)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The last lines of its log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
      return "--- "
          + name
          + " log ("
          + log
          + ", last "
          + TAIL_LINES
          + " lines) ---\n"
          + String.join("\n", tail);
    } catch (IOException e) {
      return "--- " + name + " log unreadable: " + e + " ---";
    }
  }

  /** Kills the process (SIGKILL) and waits for it to be gone. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited with " + process.exitValue() + " while starting\n" + logTail());
      }
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
        last = answer.statusCode() + " " + answer.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    close();
    throw new AssertionError(
        name + " not ready within " + timeout + " (" + last + ")\n" + logTail());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
