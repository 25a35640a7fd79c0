package dev.runbooks.activities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads a secret reference as routes, datasources and the Temporal API key write it: {@code
 * env:NAME} names an environment variable of the process, {@code file:/path} a file (read without
 * its surrounding whitespace, so a trailing line break does not count). Failures say why without
 * ever including a value.
 */
public final class SecretReference {
  private SecretReference() {}

  /** Thrown when a reference cannot be read; the message names the reason, never a value. */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String reason) {
      super(reason);
    }
  }

  /** Whether the text is a reference ({@code env:} or {@code file:}) rather than a value. */
  public static boolean isReference(String text) {
    return text != null && (text.startsWith("env:") || text.startsWith("file:"));
  }

  /**
   * The value a reference names.
   *
   * @param ref {@code env:NAME} or {@code file:/path}
   * @param env the environment lookup ({@code System::getenv} outside tests)
   * @throws IllegalArgumentException when {@code ref} is not a reference
   * @throws UnavailableException when the variable is missing, the file unreadable, or the value
   *     empty
   */
  public static String read(String ref, UnaryOperator<String> env) throws UnavailableException {
    String value;
    if (ref.startsWith("env:")) {
      value = env.apply(ref.substring(4));
      if (value == null) {
        throw new UnavailableException("the process has no environment variable by that name");
      }
    } else if (ref.startsWith("file:")) {
      try {
        value = Files.readString(Path.of(ref.substring(5)), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new UnavailableException(
            "the file cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      throw new IllegalArgumentException("must be env:NAME or file:/path");
    }
    value = value.strip();
    if (value.isEmpty()) {
      throw new UnavailableException("it is empty");
    }
    return value;
  }
}
