package dev.runbooks.activities.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbooks.language.expr.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on an ephemeral loopback port with the endpoints the http tests need. */
final class TestHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  TestHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/json", ex -> send(ex, 200, "application/json", "{\"ok\":true,\"count\":3}"));
    server.createContext("/text", ex -> send(ex, 200, "text/plain", "hello"));
    server.createContext("/looks-json", ex -> send(ex, 200, "text/plain", " {\"a\":1} "));
    server.createContext("/broken-json", ex -> send(ex, 200, "application/json", "{not json"));
    server.createContext("/down", ex -> send(ex, 503, "text/plain", "upstream down"));
    server.createContext(
        "/headers",
        ex -> {
          ex.getResponseHeaders().add("X-Multi", "first");
          ex.getResponseHeaders().add("X-Multi", "second");
          send(ex, 200, "text/plain", "");
        });
    server.createContext(
        "/echo",
        ex -> {
          Map<String, Object> echo = new LinkedHashMap<>();
          echo.put("method", ex.getRequestMethod());
          echo.put("contentType", ex.getRequestHeaders().getFirst("Content-Type"));
          echo.put("xTest", ex.getRequestHeaders().getFirst("X-Test"));
          echo.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          send(ex, 200, "application/json", Json.write(echo));
        });
    server.createContext(
        "/slow",
        ex -> {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(ex, 200, "text/plain", "late");
        });
    server.createContext(
        "/big", ex -> send(ex, 200, "application/json", "[" + "1,".repeat(1 << 20) + "1]"));
    server.start();
  }

  /** The base URL, such as {@code http://127.0.0.1:43210}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }
}
