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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server imitating the circuit breaker API of the JARVIS runbook (seed 000): {@code GET
 * /circuits} gives {@code {circuits: {name: {state, total_failures}}}}, {@code POST
 * /circuits/{name}/reset} closes a breaker, {@code GET /circuits/{name}} gives {@code {name, state,
 * total_failures}}. A breaker marked flaky re-opens after a number of reads following its reset,
 * like a breaker whose cause was not fixed. {@code /v2/breakers} serves the same breakers as a list
 * with the state nested ({@code {items: [{id, status: {state}}]}}).
 */
final class FakeJarvis implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, String> states = new ConcurrentHashMap<>();
  private final Map<String, Integer> reopenAfterReads = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> readsSinceReset = new ConcurrentHashMap<>();
  final AtomicInteger resets = new AtomicInteger();
  volatile int failWith;

  FakeJarvis() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/circuits", this::circuits);
    server.createContext("/v2/breakers", this::v2);
    server.start();
  }

  /** Sets a breaker's state. */
  void set(String name, String state) {
    states.put(name, state);
  }

  /** Makes a breaker re-open on the given read after its next reset. */
  void reopenAfter(String name, int reads) {
    reopenAfterReads.put(name, reads);
  }

  String state(String name) {
    return states.get(name);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void circuits(HttpExchange ex) throws IOException {
    if (failWith != 0) {
      send(ex, failWith, Map.of("error", "breaker registry unavailable"));
      return;
    }
    String[] parts = ex.getRequestURI().getPath().split("/");
    if (parts.length == 2) {
      Map<String, Object> all = new LinkedHashMap<>();
      new java.util.TreeMap<>(states).forEach((n, s) -> all.put(n, view(n, s)));
      send(ex, 200, Map.of("circuits", all));
      return;
    }
    String name = parts[2];
    if (!states.containsKey(name)) {
      send(ex, 404, Map.of("error", "no circuit named " + name));
    } else if (parts.length == 4
        && parts[3].equals("reset")
        && ex.getRequestMethod().equals("POST")) {
      resets.incrementAndGet();
      states.put(name, "closed");
      readsSinceReset.put(name, new AtomicInteger());
      send(ex, 200, Map.of("name", name, "state", "closed"));
    } else if (parts.length == 3 && ex.getRequestMethod().equals("GET")) {
      Integer reopen = reopenAfterReads.get(name);
      AtomicInteger reads = readsSinceReset.get(name);
      if (reopen != null && reads != null && reads.incrementAndGet() >= reopen) {
        states.put(name, "open");
      }
      send(ex, 200, view(name, states.get(name)));
    } else {
      send(ex, 405, Map.of("error", "method not allowed"));
    }
  }

  private void v2(HttpExchange ex) throws IOException {
    List<Object> items =
        states.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                e ->
                    (Object)
                        Map.of(
                            "id",
                            e.getKey(),
                            "status",
                            Map.of("state", e.getValue().toUpperCase())))
            .toList();
    send(ex, 200, Map.of("items", items));
  }

  private static Map<String, Object> view(String name, String state) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put("state", state);
    v.put("total_failures", state.equals("closed") ? 0L : 12L);
    return v;
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
