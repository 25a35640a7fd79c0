package dev.runbooks.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbooks.cli.ValidateCommandTest.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the runbook API on an ephemeral port of 127.0.0.1 (JDK's HTTP server): answers
 * each {@code METHOD /path} with a canned status and JSON body, and records every request.
 */
final class FakeApi implements AutoCloseable {
  /** A request as the server saw it. */
  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    /** The first value of a header, or null. */
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private record Answer(int status, String json) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Answers {@code METHOD /raw/path} (or {@code METHOD /raw/path?raw-query}, which wins over the
   * path alone) with this status and JSON body from now on.
   */
  FakeApi answer(String methodAndPath, int status, String json) {
    answers.put(methodAndPath, new Answer(status, json));
    return this;
  }

  /** The base address, on 127.0.0.1. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Runs the CLI with these arguments and {@code --api} pointed at this server. */
  Result cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = url();
    return ValidateCommandTest.run(all);
  }

  /** The only request received. */
  Request only() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, got " + requests);
    }
    return requests.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            query == null ? path : path + "?" + query,
            headers(exchange),
            body));
    Answer answer =
        answers.getOrDefault(
            exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query),
            answers.getOrDefault(
                exchange.getRequestMethod() + " " + path,
                new Answer(404, "{\"error\":\"no such\"}")));
    byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, List<String>> headers(HttpExchange exchange) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(exchange.getRequestHeaders());
    return headers;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
