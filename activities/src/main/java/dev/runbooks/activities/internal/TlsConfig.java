package dev.runbooks.activities.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The config of a {@code tls} step.
 *
 * @param host the host name or address connected to
 * @param port the port, 1 to 65535 (443 by default)
 * @param serverName the name sent as SNI and verified against the certificate
 * @param timeout how long connecting and the handshake may take
 */
record TlsConfig(String host, int port, String serverName, Duration timeout) {
  private static final Set<String> FIELDS = Set.of("host", "port", "serverName", "timeout");

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static TlsConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of("tls", config, FIELDS);
    String host = in.requiredString("host").strip();
    long port = in.integer("port").orElse(443L);
    if (port < 1 || port > 65535) {
      throw in.invalid("port", "must be between 1 and 65535");
    }
    String serverName = in.string("serverName").map(String::strip).orElse(host);
    return new TlsConfig(
        host, (int) port, serverName, in.duration("timeout").orElse(TcpConfig.DEFAULT_TIMEOUT));
  }
}
