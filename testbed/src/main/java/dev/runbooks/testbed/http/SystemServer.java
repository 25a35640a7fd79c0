package dev.runbooks.testbed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbooks.testbed.TestbedSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves one {@link TestbedSystem} over HTTP: its routes, {@code /metrics} and the admin API
 * described on {@link TestbedSystem}. Every call into the system holds the system's monitor.
 */
public final class SystemServer implements AutoCloseable {
  private static final int REQUEST_LOG_SIZE = 2000;

  private final TestbedSystem system;
  private final ObjectMapper json;
  private final Clock clock;
  private final Router router = new Router();
  private final Deque<ObjectNode> requests = new ArrayDeque<>();
  private final HttpServer server;
  private final ExecutorService executor;

  /** Binds the system to host and port (0: any free port) and starts serving. */
  public SystemServer(TestbedSystem system, String host, int port, ObjectMapper json, Clock clock)
      throws IOException {
    this.system = system;
    this.json = json;
    this.clock = clock;
    synchronized (system) {
      system.routes(router);
    }
    this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "testbed-" + system.name());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The system served. */
  public TestbedSystem system() {
    return system;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getPath();
      String raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Response response;
      try {
        Request request =
            new Request(
                method,
                path,
                Map.of(),
                query(exchange.getRequestURI().getRawQuery()),
                headers(exchange),
                body(raw),
                raw);
        response = dispatch(request);
      } catch (HttpError e) {
        response = Response.status(e.status(), Map.of("error", e.getMessage()));
      } catch (IllegalArgumentException e) {
        response = Response.status(400, Map.of("error", String.valueOf(e.getMessage())));
      } catch (Exception e) {
        response = Response.status(500, Map.of("error", e.toString()));
      }
      if (!response.delay().isZero()) {
        sleep(response.delay().toMillis());
      }
      send(exchange, response);
    }
  }

  private Response dispatch(Request request) throws Exception {
    String path = request.path();
    if (path.equals("/metrics") && request.method().equals("GET")) {
      Metrics metrics = new Metrics();
      synchronized (system) {
        system.metrics(metrics);
      }
      return Response.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.text());
    }
    if (path.startsWith("/admin/")) {
      return admin(request);
    }
    Optional<Router.Match> match = router.match(request.method(), path);
    if (match.isEmpty()) {
      throw router.hasPath(path)
          ? new HttpError(405, request.method() + " is not allowed on " + path)
          : HttpError.notFound("no such endpoint: " + request.method() + " " + path);
    }
    Request bound =
        new Request(
            request.method(),
            path,
            match.get().params(),
            request.query(),
            request.headers(),
            request.body(),
            request.rawBody());
    synchronized (system) {
      if (!request.method().equals("GET")) {
        record(bound);
      }
      return match.get().handler().handle(bound);
    }
  }

  private Response admin(Request request) {
    String[] parts = request.path().substring("/admin/".length()).split("/", 2);
    String what = parts[0];
    String method = request.method();
    synchronized (system) {
      if (what.equals("state") && method.equals("GET")) {
        return Response.ok(system.state());
      }
      if (what.equals("reset") && method.equals("POST")) {
        system.reset();
        requests.clear();
        return Response.ok(system.state());
      }
      if (what.equals("requests") && method.equals("GET")) {
        ArrayNode list = json.createArrayNode();
        requests.forEach(list::add);
        return Response.ok(Map.of("requests", list));
      }
      if (what.equals("faults") && parts.length == 1 && method.equals("GET")) {
        return Response.ok(Map.of("supported", system.faults(), "state", system.state()));
      }
      if (what.equals("faults") && parts.length == 2) {
        String fault = parts[1];
        if (!system.faults().contains(fault)) {
          throw HttpError.notFound(
              "unknown fault '" + fault + "' for " + system.name() + "; known: " + system.faults());
        }
        if (method.equals("POST")) {
          system.inject(
              fault, request.body().isObject() ? request.body() : json.createObjectNode());
          return Response.ok(system.state());
        }
        if (method.equals("DELETE")) {
          system.clear(fault);
          return Response.ok(system.state());
        }
      }
    }
    throw HttpError.notFound(
        "no such admin endpoint: "
            + method
            + " "
            + request.path()
            + "; use GET /admin/state, GET /admin/faults, POST|DELETE /admin/faults/{fault},"
            + " POST /admin/reset, GET /admin/requests");
  }

  private void record(Request request) {
    ObjectNode entry = json.createObjectNode();
    entry.put("at", clock.instant().toString());
    entry.put("method", request.method());
    entry.put("path", request.path());
    if (!request.query().isEmpty()) {
      entry.set("query", json.valueToTree(request.query()));
    }
    entry.set("body", request.body());
    requests.addLast(entry);
    while (requests.size() > REQUEST_LOG_SIZE) {
      requests.removeFirst();
    }
  }

  private JsonNode body(String raw) {
    if (raw.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(raw);
    } catch (IOException e) {
      return TextNode.valueOf(raw);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
              }
            });
    return headers;
  }

  private void send(HttpExchange exchange, Response response) throws IOException {
    byte[] bytes;
    String type;
    if (response.contentType() != null && response.body() instanceof String text) {
      bytes = text.getBytes(StandardCharsets.UTF_8);
      type = response.contentType();
    } else {
      bytes = json.writeValueAsBytes(response.body());
      type = "application/json";
    }
    exchange.getResponseHeaders().set("Content-Type", type);
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
