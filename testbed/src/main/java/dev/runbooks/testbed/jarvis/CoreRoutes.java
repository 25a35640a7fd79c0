package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * JARVIS's own API: health, circuit breakers, models, cache, emergency mode, drafts and search, the
 * iMessage database, permissions and logs. Every endpoint answers 503 while the process is not
 * running, and a hung process answers 503 only after a long wait.
 */
final class CoreRoutes {
  private final Jarvis jarvis;

  CoreRoutes(Jarvis jarvis) {
    this.jarvis = jarvis;
  }

  /** A handler that needs the JARVIS process up. */
  static Router.Handler up(Jarvis jarvis, Router.Handler handler) {
    return request ->
        switch (jarvis.service.state) {
          case STOPPED -> throw HttpError.unavailable("JARVIS is not running (connection refused)");
          case STARTING -> throw HttpError.unavailable("JARVIS is starting");
          case HUNG ->
              Response.status(503, Map.of("error", "JARVIS did not respond within 2s"))
                  .delayed(Duration.ofSeconds(2));
          default -> handler.handle(request);
        };
  }

  void routes(Router router) {
    router.get("/health", up(jarvis, this::health));
    router.get("/circuits", up(jarvis, r -> Response.ok(jarvis.breakers.json())));
    router.get("/circuits/{name}", up(jarvis, r -> Response.ok(circuit(r.param("name")))));
    router.post("/circuits/{name}/reset", up(jarvis, this::resetCircuit));
    router.get("/models/status", up(jarvis, r -> Response.ok(jarvis.models.status())));
    router.post("/models/unload", up(jarvis, this::unloadModels));
    router.post("/models/reload", up(jarvis, this::reloadModels));
    router.post("/models/verify", up(jarvis, r -> Response.ok(jarvis.models.verify())));
    router.post("/models/download", up(jarvis, this::download));
    router.post("/cache/clear", up(jarvis, this::clearCache));
    router.get("/cache/stats", up(jarvis, r -> Response.ok(Map.of("cache_mb", cacheMb()))));
    router.post("/api/admin/emergency-mode", up(jarvis, this::emergencyMode));
    router.post("/draft", up(jarvis, this::draft));
    router.get("/search", up(jarvis, this::search));
    router.get("/db/ping", up(jarvis, r -> ping()));
    router.get("/db/check", up(jarvis, r -> Response.ok(jarvis.db.check())));
    // Like `jarvis db rebuild-indexes` and `jarvis setup --check-permissions`, these work while
    // the process is down.
    router.post("/db/rebuild-indexes", this::rebuildIndexes);
    router.get("/setup/permissions", r -> Response.ok(jarvis.db.permissions()));
    router.get("/logs", up(jarvis, this::logs));
  }

  private Instant now() {
    return jarvis.clock.instant();
  }

  private Response health(Request r) {
    ObjectNode health = jarvis.health(now());
    return Response.status(health.path("status").asText().equals("unhealthy") ? 503 : 200, health);
  }

  private ObjectNode circuit(String name) {
    Breakers.Breaker b = jarvis.breakers.get(name);
    if (b == null) {
      throw HttpError.notFound(
          "no circuit '" + name + "'; circuits: " + jarvis.breakers.all().keySet());
    }
    ObjectNode out = b.json();
    out.put("name", name);
    return out;
  }

  private Response resetCircuit(Request r) {
    String name = r.param("name");
    circuit(name);
    String before = jarvis.breakers.resetOne(name, now());
    ObjectNode out = circuit(name);
    out.put("previous_state", before);
    return Response.ok(out);
  }

  private Response unloadModels(Request r) {
    double freed = jarvis.models.unloadAll();
    jarvis.log.add(now(), "INFO", "models", "Unloaded all models (" + Math.round(freed) + " MB)");
    ObjectNode out = jarvis.models.status();
    out.put("freed_mb", Math.round(freed));
    return Response.ok(out);
  }

  private Response reloadModels(Request r) {
    for (Models.Model m : jarvis.models.all()) {
      if (jarvis.memory.availableMb(true) - (m.loaded() ? 0 : m.sizeMb) < Memory.MIN_AVAILABLE_MB) {
        throw new HttpError(507, "not enough memory to load " + m.name);
      }
      jarvis.models.load(m, now());
    }
    ObjectNode out = jarvis.models.status();
    boolean failed = jarvis.models.all().stream().anyMatch(m -> m.status.equals("error"));
    out.put("ok", !failed);
    return Response.status(failed ? 500 : 200, out);
  }

  private Response download(Request r) {
    String name = r.text("model", Models.GENERATION);
    Models.Model m = jarvis.models.get(name);
    if (m == null) {
      throw HttpError.notFound("no model '" + name + "'");
    }
    boolean force = r.body().path("force").asBoolean(false);
    if (m.filesOk && !force) {
      return Response.ok(Map.of("model", name, "downloaded", false, "reason", "files intact"));
    }
    m.filesOk = true;
    jarvis.log.add(now(), "INFO", "models", "Downloaded " + name + " (force=" + force + ")");
    return Response.ok(Map.of("model", name, "downloaded", true, "status", m.status));
  }

  private long cacheMb() {
    return Math.round(jarvis.memory.cacheMb);
  }

  private Response clearCache(Request r) {
    double freed = jarvis.memory.clearCaches();
    if (r.body().path("all").asBoolean(false)) {
      jarvis.service.cleanup(false, false, true);
    }
    jarvis.log.add(now(), "INFO", "cache", "Cleared all caches (" + Math.round(freed) + " MB)");
    return Response.ok(Map.of("cleared", true, "freed_mb", Math.round(freed)));
  }

  private Response emergencyMode(Request r) {
    boolean enabled = r.body().path("enabled").asBoolean(true);
    jarvis.emergencyMode = enabled;
    jarvis.log.add(
        now(), "WARNING", "jarvis", "Emergency mode " + (enabled ? "enabled" : "disabled"));
    return Response.ok(Map.of("emergency_mode", enabled));
  }

  private Response draft(Request r) {
    Instant now = now();
    String[] error = {null};
    Breakers.Outcome outcome =
        jarvis.breakers.call("model_generation", now, () -> error[0] = jarvis.generationError(now));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("chat_id", r.text("chat_id", "test-chat-id"));
    if (outcome == Breakers.Outcome.SUCCESS) {
      out.put("text", "Hello! (generated for: " + r.text("instruction", "") + ")");
      out.put("fallback", false);
      out.put("model", Models.GENERATION);
    } else {
      out.put("text", "Thanks for your message! I'll get back to you soon.");
      out.put("fallback", true);
      out.put("circuit", jarvis.breakers.get("model_generation").state);
      out.put("error", error[0]);
    }
    return Response.ok(out);
  }

  private Response search(Request r) {
    Instant now = now();
    Breakers.Outcome outcome = jarvis.breakers.call("imessage", now, jarvis.db::error);
    if (outcome != Breakers.Outcome.SUCCESS) {
      throw HttpError.unavailable(
          "search unavailable: "
              + (outcome == Breakers.Outcome.SHORT_CIRCUITED
                  ? "circuit imessage is open"
                  : jarvis.db.error()));
    }
    int limit = Integer.parseInt(r.query("limit", "10"));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("query", r.query("q", ""));
    var results = out.putArray("results");
    for (int i = 0; i < Math.min(limit, 3); i++) {
      results.addObject().put("chat_id", "chat-" + (i + 1)).put("snippet", "... test ...");
    }
    out.put("count", results.size());
    return Response.ok(out);
  }

  private Response ping() {
    return Response.status(jarvis.db.pingStatus(), jarvis.db.ping());
  }

  private Response rebuildIndexes(Request r) {
    if (jarvis.db.errorCode() != null) {
      throw HttpError.unavailable("cannot rebuild indexes: " + jarvis.db.error());
    }
    jarvis.db.indexesRebuiltAt = now();
    jarvis.db.indexRebuilds++;
    jarvis.log.add(now(), "INFO", "db", "Rebuilt search indexes");
    return Response.ok(Map.of("rebuilt", true, "indexed_messages", jarvis.db.messages));
  }

  private Response logs(Request r) {
    Duration since = OpsRoutes.duration(r.query("since", "1h"));
    String level = r.query("level", null);
    String grep = r.query("grep", null);
    int limit = Integer.parseInt(r.query("limit", "100"));
    return Response.ok(jarvis.log.query(now().minus(since), level, grep, limit));
  }
}
