package dev.runbooks.activities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the values of {@code ${{ secrets.NAME }}} references come from. They are looked up inside
 * the activity, just before a step runs, so that no secret value is ever part of workflow code, its
 * arguments or its history.
 */
@FunctionalInterface
public interface Secrets {
  /** The value of the named secret, if there is one. */
  Optional<String> lookup(String name);

  /** Names a secret reference may use. */
  Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Secrets from the process environment ({@code RUNBOOK_SECRET_<NAME>}) or, when {@code
   * RUNBOOK_SECRETS_DIR} is set, from the file of that name in that directory (as Kubernetes and
   * Docker mount secrets); a trailing newline of a file is dropped.
   */
  static Secrets fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** The same as {@link #fromEnvironment()} over the given environment. */
  static Secrets fromEnvironment(Map<String, String> env) {
    return name -> {
      if (!NAME.matcher(name).matches()) {
        return Optional.empty();
      }
      String value = env.get("RUNBOOK_SECRET_" + name);
      if (value != null) {
        return Optional.of(value);
      }
      String dir = env.get("RUNBOOK_SECRETS_DIR");
      if (dir == null || dir.isBlank()) {
        return Optional.empty();
      }
      Path file = Path.of(dir).resolve(name);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).stripTrailing());
      } catch (IOException e) {
        return Optional.empty();
      }
    };
  }

  /** Secrets from a fixed map, for tests and embedding. */
  static Secrets of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
