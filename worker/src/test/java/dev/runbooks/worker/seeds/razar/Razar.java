package dev.runbooks.worker.seeds.razar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import dev.runbooks.worker.seeds.SeedSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the RAZAR tests share beyond {@link SeedSystem}: components, the boot and mission log. */
final class Razar extends SeedSystem {
  private Razar() {
    super("razar", Duration.ofSeconds(90));
  }

  /** A fresh harness and RAZAR. */
  static Razar fresh() {
    return new Razar();
  }

  /** One component's true state. */
  JsonNode component(String name) {
    return state().path("components").path(name);
  }

  /** Starts the runtime manager's boot and waits until it ends. */
  JsonNode bootAndWait() {
    post("/boot", Map.of());
    long until = System.currentTimeMillis() + 30_000;
    while (true) {
      JsonNode boot = get("/boot");
      if (!boot.path("state").asText().equals("running")) {
        return boot;
      }
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("boot still running: " + boot);
      }
      SeedHarness.pause(200);
    }
  }

  /** The components that logged component_ready, in order, from the mission log. */
  List<String> ready() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : state().path("missionLog")) {
      if (e.path("event").asText().equals("component_ready")) {
        out.add(e.path("component").asText());
      }
    }
    return out;
  }
}
