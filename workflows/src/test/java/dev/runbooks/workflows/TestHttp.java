package dev.runbooks.workflows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on an ephemeral loopback port for workflow tests. {@code /json/<name>} answers
 * a JSON body set by the test, {@code /status/<code>} answers that status, {@code /flip/<n>}
 * answers {"ready": false} n times and then {"ready": true}. Every path's hits are counted.
 */
final class TestHttp implements AutoCloseable {
  private final HttpServer server;
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final Map<String, String> bodies = new ConcurrentHashMap<>();
  volatile String lastAuthorization;

  TestHttp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int n = hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
          int status = 200;
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

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
