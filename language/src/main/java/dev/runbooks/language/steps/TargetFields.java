package dev.runbooks.language.steps;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Reads the fields {@link ActionKind#target(java.util.Map)} implementations name. */
final class TargetFields {
  private TargetFields() {}

  /** A field's text when it is a non-blank string or a number, stripped. */
  static Optional<String> text(Object value) {
    if (value instanceof String s && !s.isBlank()) {
      return Optional.of(s.strip());
    }
    if (value instanceof Number n) {
      return Optional.of(n.toString());
    }
    return Optional.empty();
  }

  /** The host of a URL in lower case, or empty when it has none or is not a URL. */
  static Optional<String> host(String url) {
    try {
      String host = URI.create(url.strip()).getHost();
      return host == null || host.isEmpty()
          ? Optional.empty()
          : Optional.of(host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
