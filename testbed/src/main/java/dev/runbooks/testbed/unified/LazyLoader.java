package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LazyLoader's queue: optional agents that a request needs are queued, wait until their
 * dependencies are healthy (the LazyLoader does not load dependencies by itself), are started, and
 * leave the queue once healthy. A load that crashes is logged as an error and retried after a
 * back-off. The queue only moves while the LazyLoader agent itself is healthy.
 */
final class LazyLoader {
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  /** One queued load. */
  static final class Item {
    final String agent;
    final Instant requestedAt;
    final String reason;
    String state = "waiting";
    int attempts;
    String lastError;
    Instant nextAttemptAt;
    List<String> waitingFor = List.of();

    Item(String agent, Instant requestedAt, String reason) {
      this.agent = agent;
      this.requestedAt = requestedAt;
      this.reason = reason;
      this.nextAttemptAt = requestedAt;
    }
  }

  /** What the loader needs from the system. */
  interface Host {
    Agent agent(String name);

    /** Starts an agent whose dependencies are healthy. */
    void start(Agent agent, String why);
  }

  private final List<Item> queue = new ArrayList<>();
  final Map<String, Double> lastLoadSeconds = new LinkedHashMap<>();
  long loaded;
  long failures;

  void reset() {
    queue.clear();
    lastLoadSeconds.clear();
    loaded = 0;
    failures = 0;
  }

  /** Queues a load unless the agent runs or is queued already; the item, or null. */
  Item enqueue(Agent agent, Instant now, String reason) {
    if (agent.alive()) {
      return null;
    }
    for (Item item : queue) {
      if (item.agent.equals(agent.spec.name())) {
        return item;
      }
    }
    Item item = new Item(agent.spec.name(), now, reason);
    queue.add(item);
    return item;
  }

  /** Moves the queue on (only while the LazyLoader agent is healthy). */
  void refresh(Instant now, Host host) {
    Agent self = host.agent("LazyLoader");
    if (!self.healthy()) {
      return;
    }
    for (Iterator<Item> it = queue.iterator(); it.hasNext(); ) {
      Item item = it.next();
      Agent agent = host.agent(item.agent);
      if (item.state.equals("loading")) {
        if (agent.healthy()) {
          double seconds = Duration.between(item.requestedAt, now).toMillis() / 1000.0;
          lastLoadSeconds.put(item.agent, seconds);
          loaded++;
          self.log(now, "INFO", "loaded " + item.agent + " in " + seconds + " s");
          it.remove();
          continue;
        }
        if (agent.status == Agent.Status.CRASHED) {
          failures++;
          item.state = "failed";
          item.lastError = agent.lastError;
          item.nextAttemptAt = now.plus(RETRY_AFTER);
          self.log(now, "ERROR", "failed to load " + item.agent + ": " + agent.lastError);
        }
        continue;
      }
      item.waitingFor =
          agent.spec.dependencies().stream().filter(d -> !host.agent(d).healthy()).toList();
      if (item.waitingFor.isEmpty() && !now.isBefore(item.nextAttemptAt)) {
        item.attempts++;
        item.state = "loading";
        host.start(agent, "lazy load, attempt " + item.attempts);
      }
    }
  }

  /** A manual load attempt: queues the agent if needed and tries it now. */
  Item loadNow(Agent agent, Instant now) {
    Item item = enqueue(agent, now, "manual load");
    if (item != null && !item.state.equals("loading")) {
      item.nextAttemptAt = now;
    }
    return item;
  }

  /** The dependencies queued loads wait for, each once. */
  List<String> blockers() {
    return queue.stream().flatMap(i -> i.waitingFor.stream()).distinct().toList();
  }

  /** The queued agents whose loads have failed. */
  List<String> failing() {
    return queue.stream().filter(i -> i.lastError != null).map(i -> i.agent).toList();
  }

  int size() {
    return queue.size();
  }

  double oldestWaitSeconds(Instant now) {
    return queue.stream()
        .mapToDouble(i -> Duration.between(i.requestedAt, now).toMillis() / 1000.0)
        .max()
        .orElse(0);
  }

  ArrayNode view(Instant now) {
    ArrayNode list = Json.object().arrayNode();
    for (Item item : queue) {
      ObjectNode node = list.addObject();
      node.put("agent", item.agent);
      node.put("state", item.state);
      node.put("reason", item.reason);
      node.put("waiting_seconds", Duration.between(item.requestedAt, now).toMillis() / 1000.0);
      node.set("waiting_for", Json.array(item.waitingFor));
      node.put("attempts", item.attempts);
      node.put("last_error", item.lastError);
    }
    return list;
  }
}
