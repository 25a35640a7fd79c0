package dev.runbooks.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the CLI finds the API token it sends: the {@code --token} option, else the environment
 * variable {@code RUNBOOK_TOKEN}, else, when the API is on this machine (localhost, 127.0.0.1,
 * ::1), the {@code RUNBOOK_TOKEN} line of the credentials file that {@code make run} writes: {@code
 * $RUNBOOK_DATA_DIR/credentials.env}, or {@code <runbook home>/.data/credentials.env} where the
 * home is the repository root that {@code bin/runbook} passes.
 */
public final class TokenSource {
  /** The environment variable of the token. */
  public static final String ENV = "RUNBOOK_TOKEN";

  /** The file name of the credentials that {@code make run} writes into its data directory. */
  public static final String CREDENTIALS_FILE = "credentials.env";

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private TokenSource() {}

  /**
   * A token and where it came from.
   *
   * @param token the token itself; never printed
   * @param origin where it was found, for messages: {@code --token}, {@code RUNBOOK_TOKEN} or the
   *     credentials file's path
   */
  public record Found(String token, String origin) {
    @Override
    public String toString() {
      return "token from " + origin; // never the token itself
    }
  }

  /**
   * The token to send, in order: the option's value, the environment's {@code RUNBOOK_TOKEN}, then
   * the credentials file of a local stack; empty when none is given.
   *
   * @param option the {@code --token} value, or null
   * @param env the environment variables
   * @param home the repository root ({@code runbook.home}), or null when unknown
   * @param api the API's base address
   */
  public static Optional<Found> resolve(
      String option, Map<String, String> env, Path home, URI api) {
    if (present(option)) {
      return Optional.of(new Found(option.strip(), "--token"));
    }
    String fromEnv = env.get(ENV);
    if (present(fromEnv)) {
      return Optional.of(new Found(fromEnv.strip(), ENV));
    }
    if (!isLocal(api)) {
      return Optional.empty();
    }
    String dataDir = env.get("RUNBOOK_DATA_DIR");
    Path file =
        present(dataDir)
            ? Path.of(dataDir).resolve(CREDENTIALS_FILE)
            : home == null ? null : home.resolve(".data").resolve(CREDENTIALS_FILE);
    if (file == null) {
      return Optional.empty();
    }
    return fromFile(file).map(token -> new Found(token, file.toString()));
  }

  /** Whether the API's host is this machine. */
  public static boolean isLocal(URI api) {
    String host = api.getHost();
    return host != null && LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
  }

  /** The {@code RUNBOOK_TOKEN} value of a {@code KEY=VALUE} file, when it has one. */
  static Optional<String> fromFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty(); // no local stack (yet): the API will say 401
    }
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("export ")) {
        trimmed = trimmed.substring("export ".length()).strip();
      }
      if (trimmed.startsWith(ENV + "=")) {
        String value = unquote(trimmed.substring(ENV.length() + 1).strip());
        return present(value) ? Optional.of(value) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
