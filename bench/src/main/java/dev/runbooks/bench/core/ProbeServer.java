package dev.runbooks.bench.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local endpoint the benchmark runbooks probe: every path answers {@code 200 {"ok": true}} at
 * once, so a step's time is the engine's, not the endpoint's. It also stands in for the escalation
 * routes' webhooks. Listens on 127.0.0.1 on a free port. It notes when each path was first asked
 * for: a run whose probe asks for a path of its own ({@code /ok/<fingerprint>}) shows when its
 * first step reached the endpoint, on this JVM's clock, whether the step ran as an activity or a
 * local activity.
 */
public final class ProbeServer implements AutoCloseable {
  private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, Instant> firstAsked = new ConcurrentHashMap<>();

  private ProbeServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the endpoint with a few threads on a free port. */
  public static ProbeServer start() throws IOException {
    return start(0);
  }

  /** Starts the endpoint with a few threads on this port (0: a free one). */
  public static ProbeServer start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    ExecutorService executor = Executors.newFixedThreadPool(8);
    ProbeServer probe = new ProbeServer(server, executor);
    server.createContext("/", probe::answer);
    server.setExecutor(executor);
    server.start();
    return probe;
  }

  private void answer(HttpExchange exchange) throws IOException {
    firstAsked.putIfAbsent(exchange.getRequestURI().getPath(), Instant.now());
    requests.incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, OK.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(OK);
    }
  }

  /** {@code 127.0.0.1:<port>}, as an alert's {@code instance} label carries it. */
  public String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://" + hostPort();
  }

  /** When a path (such as {@code /ok/abc}) was first asked for, or null when it was not. */
  public Instant firstAsked(String path) {
    return firstAsked.get(path);
  }

  /** How many requests it answered. */
  public long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
