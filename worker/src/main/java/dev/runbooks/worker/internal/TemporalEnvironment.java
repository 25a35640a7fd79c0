package dev.runbooks.worker.internal;

import java.util.Map;

/**
 * Temporal's environment configuration, as the Temporal CLI and SDKs read it: {@code
 * TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS} and
 * the {@code TEMPORAL_TLS_*} variables. sdk-java's {@code temporal-envconfig} module is not
 * published for SDK 1.39.0, so the documented variables are read here; {@code runbook.temporal.*}
 * properties take precedence over them ({@link TemporalConnection}).
 */
final class TemporalEnvironment {
  static final String ADDRESS = "TEMPORAL_ADDRESS";
  static final String NAMESPACE = "TEMPORAL_NAMESPACE";
  static final String API_KEY = "TEMPORAL_API_KEY";
  static final String TLS = "TEMPORAL_TLS";
  static final String TLS_CA_PATH = "TEMPORAL_TLS_SERVER_CA_CERT_PATH";
  static final String TLS_CA_DATA = "TEMPORAL_TLS_SERVER_CA_CERT_DATA";
  static final String TLS_CERT_PATH = "TEMPORAL_TLS_CLIENT_CERT_PATH";
  static final String TLS_CERT_DATA = "TEMPORAL_TLS_CLIENT_CERT_DATA";
  static final String TLS_KEY_PATH = "TEMPORAL_TLS_CLIENT_KEY_PATH";
  static final String TLS_KEY_DATA = "TEMPORAL_TLS_CLIENT_KEY_DATA";
  static final String TLS_SERVER_NAME = "TEMPORAL_TLS_SERVER_NAME";
  static final String TLS_DISABLE_HOST_VERIFICATION = "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION";

  private final Map<String, String> env;

  TemporalEnvironment(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The process environment. */
  static TemporalEnvironment process() {
    return new TemporalEnvironment(System.getenv());
  }

  /** The variable's value, or null when it is unset or blank. */
  String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * The variable as a boolean, or null when unset.
   *
   * @throws IllegalStateException when it is neither {@code true} nor {@code false}
   */
  Boolean flag(String name) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw new IllegalStateException(name + " must be true or false; it is '" + value + "'");
    };
  }
}
