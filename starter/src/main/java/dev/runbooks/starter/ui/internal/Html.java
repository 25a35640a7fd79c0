package dev.runbooks.starter.ui.internal;

import dev.runbooks.starter.security.UiSecurity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A small HTML writer that escapes everything it is given: text and attribute values always, so
 * data from runbooks, alerts and runs renders as text. Tag and attribute names come from this
 * package's code only, never from data.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(8192);

  /** Text with {@code & < > " '} replaced by entities: safe in element content and attributes. */
  static String escape(Object value) {
    String text = value == null ? "" : value.toString();
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A query or path-segment value, URL-encoded. */
  static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  /**
   * The path of a run page. Workflow ids hold slashes ({@code runbook/<name>/<uuid>}), which stay;
   * every other character that is not safe in a path is percent-encoded.
   */
  static String runPath(String workflowId) {
    return idPath("/ui/runs/", workflowId);
  }

  /** A path of {@code prefix} followed by a workflow id, encoded as {@link #runPath} does. */
  static String idPath(String prefix, String workflowId) {
    StringBuilder path = new StringBuilder(prefix);
    String[] segments = workflowId.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(encode(segments[i]));
    }
    return path.toString();
  }

  /** Opens an element; {@code attributes} are name, value pairs (a null value is left out). */
  Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append('>');
    return this;
  }

  /** An element without content, such as {@code input} or {@code meta}. */
  Html empty(String tag, String... attributes) {
    return open(tag, attributes);
  }

  /** Closes an element. */
  Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** Escaped text. */
  Html text(Object value) {
    out.append(escape(value));
    return this;
  }

  /** An element holding escaped text. */
  Html el(String tag, Object text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** A link; {@code href} is built by this package (paths it encoded), never taken from data. */
  Html link(String href, Object text, String... attributes) {
    String[] all = new String[attributes.length + 2];
    all[0] = "href";
    all[1] = href;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    return el("a", text, all);
  }

  /** A table row of header cells. */
  Html headerRow(String... headers) {
    open("tr");
    for (String header : headers) {
      el("th", header);
    }
    return close("tr");
  }

  /** A table cell holding escaped text. */
  Html cell(Object text, String... attributes) {
    return el("td", text == null ? "" : text, attributes);
  }

  /**
   * The hidden field carrying the request's CSRF token, which every form that posts needs (Spring
   * Security refuses a post without it).
   */
  Html csrf() {
    UiSecurity.csrf()
        .ifPresent(
            t ->
                empty(
                    "input",
                    "type",
                    "hidden",
                    "name",
                    t.getParameterName(),
                    "value",
                    t.getToken()));
    return this;
  }

  /** Markup written by this package's code (constants), never data. */
  Html markup(String constant) {
    out.append(constant);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void attributes(String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] == null) {
        continue;
      }
      out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1]));
      out.append('"');
    }
  }
}
