package dev.runbooks.worker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Temporal's environment configuration, as the Temporal CLI and SDKs read it: the variables {@code
 * TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS} and
 * {@code TEMPORAL_TLS_*}, over the profile {@code TEMPORAL_PROFILE} (default {@code default}) of
 * the TOML file {@code TEMPORAL_CONFIG_FILE} (default {@code ~/.config/temporalio/temporal.toml}).
 * sdk-java's {@code temporal-envconfig} module is not published for SDK 1.39.0, so this reads the
 * documented names itself; {@code runbook.temporal.*} properties take precedence over all of it
 * ({@link TemporalConnection}).
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
  static final String PROFILE = "TEMPORAL_PROFILE";
  static final String CONFIG_FILE = "TEMPORAL_CONFIG_FILE";

  /** Profile keys and the variables they stand for ({@code tls.disabled} is handled apart). */
  private static final Map<String, String> PROFILE_KEYS =
      Map.ofEntries(
          Map.entry("address", ADDRESS),
          Map.entry("namespace", NAMESPACE),
          Map.entry("api_key", API_KEY),
          Map.entry("tls.server_ca_cert_path", TLS_CA_PATH),
          Map.entry("tls.server_ca_cert_data", TLS_CA_DATA),
          Map.entry("tls.client_cert_path", TLS_CERT_PATH),
          Map.entry("tls.client_cert_data", TLS_CERT_DATA),
          Map.entry("tls.client_key_path", TLS_KEY_PATH),
          Map.entry("tls.client_key_data", TLS_KEY_DATA),
          Map.entry("tls.server_name", TLS_SERVER_NAME),
          Map.entry("tls.disable_host_verification", TLS_DISABLE_HOST_VERIFICATION));

  private final Map<String, String> values;
  private final Map<String, String> origins;

  /** The given variables only, no profile file (tests). */
  TemporalEnvironment(Map<String, String> env) {
    this(env, Map.of(), Map.of());
  }

  private TemporalEnvironment(
      Map<String, String> env, Map<String, String> profile, Map<String, String> profileOrigins) {
    Map<String, String> merged = new HashMap<>(profile);
    Map<String, String> from = new HashMap<>(profileOrigins);
    env.forEach(
        (name, value) -> {
          if (value != null && !value.isBlank()) {
            merged.put(name, value);
            from.remove(name); // a variable overrides the profile
          }
        });
    this.values = Map.copyOf(merged);
    this.origins = Map.copyOf(from);
  }

  /** The process environment over the profile file, if there is one. */
  static TemporalEnvironment process() {
    return load(System.getenv(), System.getProperty("user.home"));
  }

  /**
   * The variables over the profile ({@code TEMPORAL_PROFILE}, default {@code default}) of the
   * config file ({@code TEMPORAL_CONFIG_FILE}, default {@code
   * HOME/.config/temporalio/temporal.toml} when it exists).
   *
   * @throws IllegalStateException when a named file or profile is missing or the file is not TOML
   */
  static TemporalEnvironment load(Map<String, String> env, String home) {
    String named = blankToNull(env.get(CONFIG_FILE));
    Path file =
        named != null
            ? Path.of(named)
            : home == null ? null : Path.of(home, ".config", "temporalio", "temporal.toml");
    if (file == null || (named == null && !Files.isRegularFile(file))) {
      return new TemporalEnvironment(env);
    }
    String profileName = blankToNull(env.get(PROFILE));
    JsonNode root;
    try {
      root = new TomlMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(
          (named != null ? CONFIG_FILE + " (" + file + ")" : "Temporal's config file " + file)
              + " cannot be read as TOML ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    String name = profileName == null ? "default" : profileName;
    JsonNode profile = root == null ? null : root.path("profile").get(name);
    if (profile == null || !profile.isObject()) {
      if (profileName != null) {
        throw new IllegalStateException(
            PROFILE + " names profile '" + name + "', which " + file + " does not have");
      }
      return new TemporalEnvironment(env);
    }
    Map<String, String> values = new HashMap<>();
    Map<String, String> origins = new HashMap<>();
    String where = "profile '" + name + "' of " + file + ", key ";
    PROFILE_KEYS.forEach(
        (key, variable) -> {
          JsonNode node = profile.at("/" + key.replace('.', '/'));
          if (!node.isMissingNode() && !node.isNull() && !node.asText().isBlank()) {
            values.put(variable, node.asText());
            origins.put(variable, where + key);
          }
        });
    JsonNode tls = profile.get("tls");
    if (tls != null && tls.isObject()) {
      // A tls table turns TLS on unless it says disabled = true, as in temporal-envconfig.
      values.put(TLS, String.valueOf(!tls.path("disabled").asBoolean(false)));
      origins.put(TLS, where + "tls");
    }
    return new TemporalEnvironment(env, values, origins);
  }

  /** The value, or null when it is unset or blank. */
  String get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Where a value came from, for messages: the variable, or the profile key in its file. */
  String origin(String name) {
    return origins.getOrDefault(name, name);
  }

  /**
   * The value as a boolean, or null when unset.
   *
   * @throws IllegalStateException when it is neither {@code true} nor {@code false}
   */
  Boolean flag(String name) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw new IllegalStateException(
              origin(name) + " must be true or false; it is '" + value + "'");
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
