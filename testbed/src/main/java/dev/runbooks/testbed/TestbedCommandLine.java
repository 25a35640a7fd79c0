package dev.runbooks.testbed;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses the testbed's command line into {@link TestbedOptions}. */
final class TestbedCommandLine {
  private TestbedCommandLine() {}

  static TestbedOptions parse(String... args) {
    String host = "127.0.0.1";
    Map<String, Integer> ports = new HashMap<>();
    boolean random = false;
    Path dataDir = Path.of(".data", "testbed");
    String jdbcUrl = null;
    int pgPort = 0;
    Set<String> systems = new HashSet<>();
    Set<String> known = new HashSet<>();
    Testbed.allSystems().forEach(s -> known.add(s.name()));
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (key) {
        case "--host" -> host = value;
        case "--random-ports" -> random = true;
        case "--data-dir" -> dataDir = Path.of(value);
        case "--jdbc-url" -> jdbcUrl = value;
        case "--pg-port" -> pgPort = number(key, value);
        case "--systems" -> {
          for (String name : List.of(value.split(","))) {
            systems.add(system(name.trim(), known));
          }
        }
        default -> {
          if (key.startsWith("--port.")) {
            ports.put(system(key.substring("--port.".length()), known), number(key, value));
          } else {
            throw new IllegalArgumentException(
                "unknown option '"
                    + arg
                    + "'; use --host=, --port.<system>=, --random-ports, --data-dir=,"
                    + " --jdbc-url=, --pg-port=, --systems=");
          }
        }
      }
    }
    return new TestbedOptions(host, ports, random, dataDir, jdbcUrl, pgPort, systems);
  }

  private static String system(String name, Set<String> known) {
    if (!known.contains(name)) {
      throw new IllegalArgumentException("unknown system '" + name + "'; known: " + known);
    }
    return name;
  }

  private static int number(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " needs a number, not '" + value + "'", e);
    }
  }
}
