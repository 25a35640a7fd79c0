package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.util.Set;

/**
 * The imitation of JARVIS (seed 000): the assistant's API with memory, circuit breakers, task
 * queue, models, cache, rate limits and database.
 */
public final class JarvisSystem implements TestbedSystem {

  @Override
  public String name() {
    return "jarvis";
  }

  @Override
  public int defaultPort() {
    return 8742;
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
