package dev.runbooks.worker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server on a free loopback port that keeps every request posted to it, byte for byte,
 * and answers 200. Alertmanager's webhook receiver gets it as a second target, so the test sees the
 * exact notifications Alertmanager sends.
 */
final class CaptureServer implements AutoCloseable {
  /**
   * One request as it arrived.
   *
   * @param path the request path
   * @param authorization the {@code Authorization} header, or null
   * @param contentType the {@code Content-Type} header, or null
   * @param body the raw body
   */
  record Captured(String path, String authorization, String contentType, byte[] body) {}

  private final List<Captured> requests = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final HttpServer server;

  /** Starts the server on a free port of 127.0.0.1. */
  CaptureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            requests.add(
                new Captured(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    in.readAllBytes()));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  /** The URL a webhook should post to. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every request received so far, oldest first. */
  List<Captured> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
