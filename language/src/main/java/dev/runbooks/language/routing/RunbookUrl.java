package dev.runbooks.language.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the name of a runbook out of an alert's {@code runbook_url} annotation, the monitoring
 * mixins' link from an alert to its runbook. The annotation is untrusted input: it is parsed
 * strictly, never fetched, and only a name is taken from it.
 *
 * <p>Accepted: an absolute {@code http} or {@code https} URL on any host, or a path alone, whose
 * path ends in {@code /ui/runbooks/<name>} (a trailing {@code /} allowed, whatever comes before it:
 * the engine may sit under a prefix behind a proxy); query and fragment are ignored. The name has
 * the form of {@code metadata.name} (a lower-case letter, then 1 to 62 lower-case letters, digits
 * and {@code -}), written as is (no percent-encoding). Anything else (another scheme, user
 * information, an encoded or over-long path, a URL over {@value #MAX_LENGTH} characters) names no
 * runbook, with the reason.
 */
public final class RunbookUrl {
  /** The annotation that carries the link. */
  public static final String ANNOTATION = "runbook_url";

  /** The longest annotation read; a longer one names no runbook. */
  public static final int MAX_LENGTH = 2048;

  private static final Pattern PATH =
      Pattern.compile("^(?:/[^/]+)*/ui/runbooks/([a-z][a-z0-9-]{1,62})/?$");

  private RunbookUrl() {}

  /**
   * The runbook a {@code runbook_url} names, or why it names none.
   *
   * @param name the runbook's name when the URL names one, else null
   * @param problem why the URL names no runbook, else null
   */
  public record Parsed(String name, String problem) {
    /** Whether the URL names a runbook. */
    public boolean named() {
      return name != null;
    }
  }

  /** The runbook name in a {@code runbook_url} annotation's value. */
  public static Parsed parse(String url) {
    if (url == null || url.isBlank()) {
      return new Parsed(null, "runbook_url is empty");
    }
    String text = url.strip();
    if (text.length() > MAX_LENGTH) {
      return new Parsed(null, "runbook_url is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return new Parsed(null, "runbook_url is not a URL");
    }
    if (uri.isOpaque()) {
      return new Parsed(null, "runbook_url is not an http(s) URL or a path");
    }
    if (uri.getScheme() != null) {
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return new Parsed(null, "runbook_url is not an http(s) URL or a path");
      }
      if (uri.getRawUserInfo() != null || uri.getHost() == null) {
        return new Parsed(null, "runbook_url has user information or no host");
      }
    } else if (uri.getRawAuthority() != null) {
      return new Parsed(null, "runbook_url is not an http(s) URL or a path");
    }
    String path = uri.getRawPath();
    Matcher m = path == null ? null : PATH.matcher(path);
    if (m == null || !m.matches()) {
      return new Parsed(null, "runbook_url does not point at a runbook page (/ui/runbooks/<name>)");
    }
    return new Parsed(m.group(1), null);
  }

  /** The runbook named by an alert's {@code runbook_url} annotation, when it has one. */
  public static Optional<Parsed> of(Alert alert) {
    String url = alert.annotations().get(ANNOTATION);
    return url == null ? Optional.empty() : Optional.of(parse(url));
  }
}
