package dev.runbooks.worker.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium ({@code /usr/bin/chromium}, which {@code scripts/install-deps.sh} installs)
 * driven over the DevTools protocol: open a page, evaluate script in it, take a screenshot. A fresh
 * profile per browser; no network but the test's own server.
 */
final class Chromium implements AutoCloseable {
  /** The browser the tests drive. */
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts the browser with a window of the given size and connects to its first page. */
  static Chromium start(Path dir, int width, int height) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY + " is missing: run scripts/install-deps.sh (it installs Debian's chromium)");
    }
    Path profile = Files.createTempDirectory(Files.createDirectories(dir), "chromium-profile");
    Process process =
        new ProcessBuilder(
                List.of(
                    BINARY.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--hide-scrollbars",
                    "--user-data-dir=" + profile,
                    "--remote-debugging-port=0",
                    "--window-size=" + width + "," + height,
                    "about:blank"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "chromium did not start: " + Files.readString(dir.resolve("chromium.log")));
      }
      Thread.sleep(100);
    }
    String port = Files.readAllLines(portFile).get(0).strip();
    JsonNode targets =
        JSON.readTree(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    String page = null;
    for (JsonNode target : targets) {
      if (target.path("type").asText().equals("page")) {
        page = target.path("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (page == null) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium has no page: " + targets);
    }
    Chromium[] self = new Chromium[1];
    WebSocket socket =
        HTTP.newWebSocketBuilder()
            .buildAsync(URI.create(page), new Listener(self))
            .get(30, TimeUnit.SECONDS);
    self[0] = new Chromium(process, profile, socket);
    self[0].call("Page.enable", JSON.createObjectNode());
    self[0].call(
        "Emulation.setDeviceMetricsOverride",
        JSON.createObjectNode()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
    return self[0];
  }

  /** Opens a URL and waits until the document has loaded. */
  void open(String url) {
    ObjectNode params = JSON.createObjectNode().put("url", url);
    call("Page.navigate", params);
    awaitTrue(
        "document.readyState === 'complete' && location.href === " + JSON.valueToTree(url),
        url + " loaded");
  }

  /** Evaluates script in the page (promises are awaited); the value as JSON. */
  JsonNode eval(String expression) {
    ObjectNode params =
        JSON.createObjectNode()
            .put("expression", expression)
            .put("returnByValue", true)
            .put("awaitPromise", true);
    JsonNode result = call("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits until a script expression is true in the page. */
  void awaitTrue(String expression, String what) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode value;
      try {
        value = eval(expression);
      } catch (IllegalStateException e) {
        value = null; // the page is navigating
      }
      if (value != null && value.asBoolean(false)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "gave up waiting until " + what + " at " + eval("location.href").asText());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** A PNG of the viewport, written to {@code file}. */
  void screenshot(Path file) throws IOException {
    screenshot(file, JSON.createObjectNode().put("format", "png"));
  }

  /**
   * A PNG of the top of the page, at most {@code maxHeight} CSS pixels, written to {@code file}.
   */
  void screenshotPage(Path file, int maxHeight) throws IOException {
    JsonNode size = call("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
    ObjectNode params = JSON.createObjectNode().put("format", "png");
    params.put("captureBeyondViewport", true);
    params
        .putObject("clip")
        .put("x", 0)
        .put("y", 0)
        .put("width", size.path("width").asDouble())
        .put("height", Math.min(maxHeight, size.path("height").asDouble()))
        .put("scale", 1);
    screenshot(file, params);
  }

  private void screenshot(Path file, ObjectNode params) throws IOException {
    JsonNode shot = call("Page.captureScreenshot", params);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  private JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(message.toString(), true).join();
    try {
      JsonNode reply = answer.get(60, TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IllegalStateException(method + " failed: " + reply.path("error"));
      }
      return reply.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(method + " got no answer", e);
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void close() throws IOException {
    socket.abort();
    // Chromium's helper processes (network, storage) may still write the profile after the main
    // process ends: stop them too, and delete the profile with retries, files vanishing included.
    java.util.List<ProcessHandle> helpers = process.descendants().toList();
    Processes.stop(process);
    helpers.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle helper : helpers) {
      try {
        helper.onExit().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // gone or stuck: the deletion below copes with either
      }
    }
    for (int attempt = 1; attempt <= 5 && Files.exists(profile); attempt++) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | java.io.UncheckedIOException e) {
        if (attempt == 5) {
          throw e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
  }

  /** Collects the text frames of DevTools messages and completes the calls they answer. */
  private static final class Listener implements WebSocket.Listener {
    private final Chromium[] owner;
    private final StringBuilder text = new StringBuilder();

    Listener(Chromium[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          if (message.has("id") && owner[0] != null) {
            CompletableFuture<JsonNode> answer = owner[0].pending.get(message.path("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          }
        } catch (IOException e) {
          // not JSON: DevTools only sends JSON, so this cannot happen
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
