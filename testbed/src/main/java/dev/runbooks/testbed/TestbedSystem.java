package dev.runbooks.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.util.Set;

/**
 * One imitated system of the testbed, served on a port of its own.
 *
 * <p>A system has its operational API (the endpoints the seed runbook uses), Prometheus metrics at
 * {@code /metrics}, and an admin API that {@link dev.runbooks.testbed.http.SystemServer} adds for
 * every system: {@code GET /admin/state} (the true state, from {@link #state()}), {@code GET
 * /admin/faults}, {@code POST /admin/faults/{fault}} (inject, body = parameters), {@code DELETE
 * /admin/faults/{fault}} (clear), {@code POST /admin/reset} and {@code GET /admin/requests} (the
 * mutating calls the system received, newest last). The server calls every method of a system while
 * holding the system's monitor, so implementations need no locking of their own unless they use
 * {@link SystemContext#scheduler()}, whose tasks must synchronize on the system too.
 */
public interface TestbedSystem {

  /** The system's short name, used in URLs, options and logs: {@code jarvis}, {@code razar}. */
  String name();

  /** The port the system listens on when the options do not choose one. */
  int defaultPort();

  /** Called once before the server starts: open databases, create directories, start ticking. */
  default void start(SystemContext context) throws Exception {}

  /** Declares the system's operational endpoints. */
  void routes(Router router);

  /** Writes the system's Prometheus metrics. */
  void metrics(Metrics metrics);

  /** The faults this system can inject, by name. */
  Set<String> faults();

  /**
   * Injects a fault.
   *
   * @throws IllegalArgumentException when the fault is unknown or its parameters are wrong; the
   *     message is returned to the caller with status 400
   */
  void inject(String fault, JsonNode params);

  /** Clears a fault as if its cause was fixed by hand; clearing an inactive fault does nothing. */
  void clear(String fault);

  /** Puts the system back into its healthy initial state, clearing every fault. */
  void reset();

  /** The system's true state, for tests and people, including the active faults. */
  ObjectNode state();

  /** Releases what {@link #start} acquired. */
  default void close() {}
}
