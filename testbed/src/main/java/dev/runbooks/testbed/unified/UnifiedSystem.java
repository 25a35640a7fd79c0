package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.util.Set;

/**
 * The imitation of the unified multi-agent system (seed 001): agents with ports, health,
 * dependencies and profiles.
 */
public final class UnifiedSystem implements TestbedSystem {

  @Override
  public String name() {
    return "unified";
  }

  @Override
  public int defaultPort() {
    return 7200;
  }

  @Override
  public void routes(Router router) {}

  @Override
  public void metrics(Metrics metrics) {}

  @Override
  public Set<String> faults() {
    return Set.of();
  }

  @Override
  public void inject(String fault, JsonNode params) {
    throw new IllegalArgumentException("unknown fault '" + fault + "'");
  }

  @Override
  public void clear(String fault) {}

  @Override
  public void reset() {}

  @Override
  public ObjectNode state() {
    return JsonNodeFactory.instance.objectNode();
  }
}
