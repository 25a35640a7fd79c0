package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The bench's client sends its admin token to the worker's API and actuator, and only there. */
class HttpTest {
  @Test
  void sendsTheBenchTokenToTheApiOnly() throws Exception {
    assertThat(Http.API_TOKEN).matches("rbk_[A-Za-z0-9_-]{43}");
    Map<String, String> seen = new ConcurrentHashMap<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          seen.put(exchange.getRequestURI().getPath(), auth == null ? "none" : auth);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Http http = new Http();
      http.get(base + "/api/alerts?limit=1");
      http.get(base + "/actuator/metrics/jvm.memory.used");
      http.post(base + "/admin/faults/oom", Map.of());
      assertThat(seen)
          .containsEntry("/api/alerts", "Bearer " + Http.API_TOKEN)
          .containsEntry("/actuator/metrics/jvm.memory.used", "Bearer " + Http.API_TOKEN)
          .containsEntry("/admin/faults/oom", "none");
    } finally {
      server.stop(0);
    }
  }
}
