package dev.runbooks.activities.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The config of a {@code tcp} step.
 *
 * @param host the host name or address
 * @param port the port, 1 to 65535
 * @param timeout how long connecting may take
 */
record TcpConfig(String host, int port, Duration timeout) {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> FIELDS = Set.of("host", "port", "timeout");

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static TcpConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of("tcp", config, FIELDS);
    String host = in.requiredString("host").trim();
    long port = in.integer("port").orElseThrow(() -> in.invalid("port", "is required"));
    if (port < 1 || port > 65535) {
      throw in.invalid("port", "must be between 1 and 65535");
    }
    return new TcpConfig(host, (int) port, in.duration("timeout").orElse(DEFAULT_TIMEOUT));
  }
}
