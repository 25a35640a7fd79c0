package dev.runbooks.activities.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP receiver standing in for PagerDuty's Events API, Slack and Teams webhooks and a
 * generic webhook, which the tests cannot reach from here. It records every request and answers
 * with scripted replies, then with a default 202.
 */
final class EscalationReceiver implements AutoCloseable {
  /** A received request. */
  record Received(String method, String path, String contentType, String body) {
    Object json() {
      return JsonValues.parseOr(body, null);
    }
  }

  /** A scripted reply. */
  record Reply(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();

  EscalationReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Queues a reply for the next request. */
  EscalationReceiver then(int status, Map<String, String> headers, String body) {
    replies.add(new Reply(status, headers, body));
    return this;
  }

  List<Received> received() {
    return received;
  }

  private void handle(HttpExchange ex) throws IOException {
    received.add(
        new Received(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            ex.getRequestHeaders().getFirst("Content-Type"),
            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    Reply reply = replies.poll();
    if (reply == null) {
      reply = new Reply(202, Map.of(), "{\"status\":\"success\",\"message\":\"Event processed\"}");
    }
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.getResponseHeaders().set("Content-Type", "application/json");
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
