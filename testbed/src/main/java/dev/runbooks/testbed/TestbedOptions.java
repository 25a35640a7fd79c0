package dev.runbooks.testbed;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How to start the testbed.
 *
 * @param host the address every system binds to
 * @param ports ports by system name; a missing system gets its default port, 0 means any free port
 * @param randomPorts when true, systems missing from {@code ports} get any free port instead of
 *     their default
 * @param dataDir where systems keep files and the embedded PostgreSQL its data
 * @param jdbcUrl an existing PostgreSQL database to use instead of the embedded one, or null
 * @param pgPort the embedded PostgreSQL's port (0: any free port)
 * @param systems the systems to start by name; empty means all
 */
public record TestbedOptions(
    String host,
    Map<String, Integer> ports,
    boolean randomPorts,
    Path dataDir,
    String jdbcUrl,
    int pgPort,
    Set<String> systems) {

  /** Compact constructor: copies the collections. */
  public TestbedOptions {
    ports = Map.copyOf(ports);
    systems = Set.copyOf(systems);
  }

  /** Every system on its default port on 127.0.0.1, data under {@code dataDir}. */
  public static TestbedOptions defaults(Path dataDir) {
    return new TestbedOptions("127.0.0.1", Map.of(), false, dataDir, null, 0, Set.of());
  }

  /** Every system on a free port, with an embedded PostgreSQL on a free port: for tests. */
  public static TestbedOptions forTests(Path dataDir) {
    return new TestbedOptions("127.0.0.1", Map.of(), true, dataDir, null, 0, Set.of());
  }

  /** The port a system is to bind. */
  int portOf(TestbedSystem system) {
    Integer port = ports.get(system.name());
    if (port != null) {
      return port;
    }
    return randomPorts ? 0 : system.defaultPort();
  }
}
