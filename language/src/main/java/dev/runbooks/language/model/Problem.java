package dev.runbooks.language.model;

/**
 * One thing wrong with a runbook: where it is, the path of the field in the definition (such as
 * {@code steps[2].http.url}) and a plain message. Problems are values; the compiler reports all of
 * them at once.
 */
public record Problem(Location location, String path, String message) {
  @Override
  public String toString() {
    return location + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message;
  }
}
