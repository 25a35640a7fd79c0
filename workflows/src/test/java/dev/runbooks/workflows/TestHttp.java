package dev.runbooks.workflows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on an ephemeral loopback port for workflow tests. {@code /json/<name>} answers
 * a JSON body set by the test, {@code /status/<code>} answers that status, {@code /flip/<n>}
 * answers {"ready": false} n times and then {"ready": true}. Every path's hits and request bodies
 * are recorded; {@link #script} makes a path answer given statuses first.
 */
final class TestHttp implements AutoCloseable {
  private final HttpServer server;
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final Map<String, String> bodies = new ConcurrentHashMap<>();

  /** The body of every request, by path, in the order they came. */
  final Map<String, List<String>> received = new ConcurrentHashMap<>();

  /** Statuses to answer on a path before the default, one per request. */
  final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

  volatile String lastAuthorization;

  /** The raw request target (path and query, as sent) of every request, in order. */
  final List<String> rawTargets = new CopyOnWriteArrayList<>();

  TestHttp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String rawQuery = exchange.getRequestURI().getRawQuery();
          rawTargets.add(
              exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
          int n = hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
          received
              .computeIfAbsent(path, k -> new CopyOnWriteArrayList<>())
              .add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Integer next = scripted.getOrDefault(path, new ArrayDeque<>()).poll();
          int status = next == null ? 200 : next;
          String body = "{\"ok\":true}";
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          if (path.equals("/echo")) {
            lastAuthorization = auth;
            body = "{\"authorization\":\"" + auth + "\"}";
          } else if (path.startsWith("/status/")) {
            status = Integer.parseInt(path.substring("/status/".length()));
            body = "{\"status\":" + status + "}";
          } else if (path.startsWith("/flip/")) {
            int after = Integer.parseInt(path.substring("/flip/".length()));
            body = "{\"ready\":" + (n > after) + ",\"hits\":" + n + "}";
          } else if (path.startsWith("/json/")) {
            body = bodies.getOrDefault(path.substring("/json/".length()), "{}");
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next requests on a path with these statuses, then as usual. */
  void script(String path, Integer... statuses) {
    scripted.computeIfAbsent(path, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
  }

  /** The bodies received on a path, parsed as JSON. */
  List<Object> json(String path) {
    List<Object> out = new java.util.ArrayList<>();
    for (String body : received.getOrDefault(path, List.of())) {
      try {
        out.add(dev.runbooks.language.expr.Json.mapper().readValue(body, Object.class));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out;
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
