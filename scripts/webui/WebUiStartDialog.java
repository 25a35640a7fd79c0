import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a runbook the way a person does it in the Temporal Web UI: opens the UI's "Start
 * Workflow" dialog in headless Chromium, lets the page fill workflow id, task queue and type from
 * the link the UI itself builds, types the input JSON into the dialog's editor, presses "Start
 * Workflow" and waits until the UI's own API knows the run. The screenshot shows the filled
 * dialog. Drives Chromium through the DevTools protocol (a JDK WebSocket, no other dependency);
 * run it with the JDK's source launcher:
 *
 * <pre>
 * java scripts/webui/WebUiStartDialog.java UI_URL WORKFLOW_TYPE WORKFLOW_ID INPUT_JSON SCREENSHOT.png [CODEC_URL]
 * </pre>
 *
 * With CODEC_URL (the codec server the UI was started with), the input in the run's history must
 * be encrypted ({@code binary/encrypted}: the UI encoded it through the codec server) and decode,
 * through that server, to the typed JSON.
 *
 * Exits 0 once the UI reported the start, 1 with the reason otherwise. Used by scripts/e2e.sh,
 * which then checks with the Temporal CLI that the run it started completed.
 */
public final class WebUiStartDialog {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");

  private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocket socket;

  public static void main(String[] args) throws Exception {
    if (args.length != 5 && args.length != 6) {
      System.err.println(
          "usage: WebUiStartDialog UI_URL WORKFLOW_TYPE WORKFLOW_ID INPUT_JSON SCREENSHOT.png"
              + " [CODEC_URL]");
      System.exit(2);
    }
    Path profile = Files.createTempDirectory("webui-start");
    Process chromium =
        new ProcessBuilder(
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1440,900",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    int code = 1;
    try {
      String codec = args.length == 6 ? args[5] : null;
      new WebUiStartDialog()
          .run(profile, args[0], args[1], args[2], args[3], Path.of(args[4]), codec);
      code = 0;
    } catch (Failure e) {
      System.err.println("webui-start: " + e.getMessage());
    } finally {
      chromium.destroy();
      if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
        chromium.destroyForcibly();
      }
    }
    System.exit(code);
  }

  private void run(
      Path profile, String ui, String type, String id, String input, Path shot, String codec)
      throws Exception {
    connect(profile);
    String page =
        ui
            + "/namespaces/default/workflows/start-workflow?workflowId="
            + enc(id)
            + "&taskQueue=runbooks&workflowType="
            + enc(type);
    call("Page.enable", "{}");
    call("Page.navigate", "{\"url\":" + quote(page) + "}");
    // The dialog is ready once the page filled the fields from the link and shows its editor.
    await(
        "the start dialog with its fields filled from the link",
        "document.querySelector('#workflowType')?.value === "
            + quote(type)
            + " && document.querySelector('#workflowId')?.value === "
            + quote(id)
            + " && !!document.querySelector('.cm-content')",
        Duration.ofSeconds(60));
    // The page goes on loading after the fields show (task queue pollers, workflow types), and
    // text typed before it settled can be lost; give it the moment a person would take.
    await("the page to finish loading", "document.readyState === 'complete'", Duration.ofSeconds(30));
    Thread.sleep(2000);
    eval("document.querySelector('.cm-content').focus(); true");
    call("Input.insertText", "{\"text\":" + quote(input) + "}");
    await(
        "the input typed into the editor",
        "document.querySelector('.cm-content').innerText.includes(" + quote(firstKey(input)) + ")",
        Duration.ofSeconds(10));
    // The dialog takes the editor's text when the editor loses focus, as when a person moves on
    // to the button; without the blur the run would start with no input at all.
    eval("document.querySelector('.cm-content').blur(); document.activeElement?.blur(); true");
    Thread.sleep(1000);
    String png = call("Page.captureScreenshot", "{\"format\":\"png\"}");
    Matcher data = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(png);
    if (data.find()) {
      Files.createDirectories(shot.toAbsolutePath().getParent());
      Files.write(shot, Base64.getDecoder().decode(data.group(1)));
    }
    // The button stays disabled while the dialog checks its fields (the task queue's pollers).
    await(
        "an enabled 'Start Workflow' button",
        "[...document.querySelectorAll('button')]"
            + ".some(b => b.textContent.trim() === 'Start Workflow' && !b.disabled)",
        Duration.ofSeconds(30));
    String clicked =
        eval(
            "(() => { const b = [...document.querySelectorAll('button')]"
                + ".find(b => b.textContent.trim() === 'Start Workflow' && !b.disabled);"
                + " if (!b) return 'missing'; b.click(); return 'clicked'; })()");
    if (!clicked.contains("clicked")) {
      throw new Failure("no enabled 'Start Workflow' button on " + page);
    }
    // The UI's own API (the one its pages read) then knows the run.
    await(
        "the Web UI's API to list the started run",
        "await fetch('/api/v1/namespaces/default/workflows/' + encodeURIComponent("
            + quote(id)
            + ")).then(r => r.ok)",
        Duration.ofSeconds(30));
    // ...with the typed input as its input: the history (as the UI's API returns it, payloads in
    // base64) decoded and compared as JSON, since the dialog may reformat the text.
    await(
        "the started run's history to hold the typed input",
        "await fetch('/api/v1/namespaces/default/workflows/' + encodeURIComponent("
            + quote(id)
            + ") + '/history').then(r => r.json()).then(async h => {"
            + " const p = h.history.events[0].workflowExecutionStartedEventAttributes.input;"
            + " if (!p) return false;"
            + decoded(codec)
            + " return JSON.stringify(JSON.parse(atob(payload.data))) === JSON.stringify("
            + input
            + "); })",
        Duration.ofSeconds(10));
    System.out.println("webui-start: started " + id + " (" + type + ") from the Web UI dialog");
  }

  /**
   * JavaScript that binds {@code payload} to the history's first input payload: as stored without a
   * codec server; with one, it must be encrypted and is decoded by that server.
   */
  private static String decoded(String codec) {
    if (codec == null) {
      return " const payload = p.payloads[0];";
    }
    return " const raw = p.payloads[0];"
        + " if (atob(raw.metadata.encoding) !== 'binary/encrypted') return false;"
        + " const payload = await fetch("
        + quote(codec + "/decode")
        + ", {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Namespace':"
        + " 'default'}, body: JSON.stringify({payloads: [raw]})})"
        + ".then(r => r.json()).then(d => d.payloads[0]);";
  }

  private void connect(Path profile) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plusSeconds(30);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new Failure("Chromium did not open its DevTools port");
      }
      Thread.sleep(100);
    }
    String port = Files.readAllLines(portFile).get(0).trim();
    String list =
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher ws =
        Pattern.compile("\"type\":\\s*\"page\"[\\s\\S]*?\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"")
            .matcher(list);
    if (!ws.find()) {
      throw new Failure("Chromium lists no page to drive: " + list);
    }
    socket =
        HTTP.newWebSocketBuilder()
            .buildAsync(URI.create(ws.group(1)), new Listener())
            .get(10, TimeUnit.SECONDS);
  }

  private String call(String method, String params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<String> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(
        "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true);
    String reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.contains("\"error\":")) {
      throw new Failure(method + " failed: " + reply);
    }
    return reply;
  }

  private String eval(String expression) throws Exception {
    return call(
        "Runtime.evaluate",
        "{\"expression\":"
            + quote(expression)
            + ",\"returnByValue\":true,\"awaitPromise\":true}");
  }

  private void await(String what, String condition, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (eval("(async () => !!(" + condition + "))()").contains("\"value\":true")) {
        return;
      }
      Thread.sleep(250);
    }
    String url = eval("location.href + ' | ' + document.body.innerText.slice(0, 600)");
    throw new Failure("timed out after " + timeout.toSeconds() + "s waiting for " + what + " (" + url + ")");
  }

  private static String firstKey(String json) {
    Matcher key = Pattern.compile("\"([^\"]+)\"").matcher(json);
    return key.find() ? key.group(1) : json;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder frame = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      frame.append(data);
      if (last) {
        String message = frame.toString();
        frame.setLength(0);
        Matcher id = ID.matcher(message);
        if (id.find()) {
          CompletableFuture<String> answer = pending.remove(Integer.parseInt(id.group(1)));
          if (answer != null) {
            answer.complete(message);
          }
        }
      }
      ws.request(1);
      return null;
    }
  }

  private static final class Failure extends IOException {
    Failure(String message) {
      super(message);
    }
  }
}
