package dev.runbooks.language.targets;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a {@code targets:} list or of the worker's {@code runbook.targets.allow} / {@code
 * deny}: a host pattern ({@code prometheus}, {@code *.svc.cluster.local}, {@code jarvis-*:8742}), a
 * CIDR or single address ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.1}) or a URL prefix
 * ({@code https://hooks.slack.com/services/}). Parsing never touches DNS.
 */
public sealed interface TargetRule {
  /** The rule as written. */
  String text();

  /**
   * Whether the rule covers a destination.
   *
   * @param host the host as the destination names it, lower case, without brackets
   * @param port the port connected to
   * @param url the URL, or null for a bare host and port (tcp)
   * @param address the resolved address that will be connected to
   */
  boolean matches(String host, int port, URI url, InetAddress address);

  /**
   * Whether the rule names what it covers without wildcards (no {@code *}, a CIDR of prefix length
   * 8 or more). Only such rules allow the addresses denied by default (link-local, cloud metadata,
   * loopback from alert data).
   */
  boolean explicit();

  /**
   * Parses a rule.
   *
   * @throws IllegalArgumentException with a message that says what is wrong, such as {@code
   *     '10.0.0.1/8' has host bits set: the network is 10.0.0.0/8}
   */
  static TargetRule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a target must not be empty");
    }
    String t = text.strip();
    if (t.contains("${{")) {
      throw new IllegalArgumentException(
          "'"
              + t
              + "' holds a template: targets are written out, so alert data cannot choose them");
    }
    if (t.contains("://")) {
      return UrlPrefix.parse(t);
    }
    if (t.contains("/") || looksLikeAddress(t)) {
      return Cidr.parse(t);
    }
    return HostPattern.parse(t);
  }

  private static boolean looksLikeAddress(String t) {
    return t.matches("[0-9.]+") || t.chars().filter(c -> c == ':').count() >= 2;
  }

  /**
   * A host name pattern with an optional port; {@code *} matches within a label, {@code *.} any.
   */
  record HostPattern(String text, String host, int port, Pattern regex) implements TargetRule {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9*]([a-z0-9*-]*[a-z0-9*])?");

    static HostPattern parse(String t) {
      String host = t.toLowerCase(Locale.ROOT);
      int port = -1;
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        String p = host.substring(colon + 1);
        host = host.substring(0, colon);
        try {
          port = Integer.parseInt(p);
        } catch (NumberFormatException e) {
          port = 0;
        }
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException(
              "'" + t + "': the port must be a number from 1 to 65535, not '" + p + "'");
        }
      }
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException("'" + t + "' names no host");
      }
      StringBuilder regex = new StringBuilder();
      String[] labels = host.split("\\.", -1);
      for (int i = 0; i < labels.length; i++) {
        String label = labels[i];
        if (label.isEmpty()) {
          throw new IllegalArgumentException("'" + t + "' has an empty label (two dots in a row)");
        }
        if (!LABEL.matcher(label).matches()) {
          throw new IllegalArgumentException(
              "'"
                  + t
                  + "' is not a host pattern: labels hold letters, digits, '-' and '*' ('"
                  + label
                  + "')");
        }
        if (i > 0) {
          regex.append("\\.");
        }
        if (label.equals("*") && i == 0) {
          regex.append(labels.length == 1 ? ".+" : "[^.]+(\\.[^.]+)*");
        } else {
          regex.append(
              String.join(
                  "[^.]*",
                  java.util.Arrays.stream(label.split("\\*", -1)).map(Pattern::quote).toList()));
        }
      }
      return new HostPattern(t, host, port, Pattern.compile(regex.toString()));
    }

    @Override
    public boolean matches(String host, int port, URI url, InetAddress address) {
      String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
      return (this.port < 0 || this.port == port) && regex.matcher(h).matches();
    }

    @Override
    public boolean explicit() {
      return !host.contains("*");
    }
  }

  /** A network in CIDR notation, or one address. */
  record Cidr(String text, byte[] network, int prefix) implements TargetRule {
    static Cidr parse(String t) {
      int slash = t.indexOf('/');
      String addressText = slash < 0 ? t : t.substring(0, slash);
      InetAddress address = literal(t, addressText);
      byte[] bytes = address.getAddress();
      int max = bytes.length * 8;
      int prefix = max;
      if (slash >= 0) {
        String p = t.substring(slash + 1);
        try {
          prefix = Integer.parseInt(p);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          throw new IllegalArgumentException(
              "'"
                  + t
                  + "': the prefix length must be a number from 0 to "
                  + max
                  + ", not '"
                  + p
                  + "'");
        }
      }
      byte[] network = mask(bytes, prefix);
      if (!java.util.Arrays.equals(network, bytes)) {
        String fixed;
        try {
          fixed = InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException(
            "'" + t + "' has host bits set: the network is " + fixed);
      }
      return new Cidr(t, network, prefix);
    }

    private static InetAddress literal(String t, String text) {
      boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
      if (v4) {
        for (String part : text.split("\\.")) {
          if (Integer.parseInt(part) > 255) {
            v4 = false;
          }
        }
      }
      if (v4 || v6) {
        try {
          return InetAddress.getByName(text); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
          // reported below
        }
      }
      throw new IllegalArgumentException(
          "'" + t + "' is not a CIDR: '" + text + "' is not an IPv4 or IPv6 address");
    }

    private static byte[] mask(byte[] bytes, int prefix) {
      byte[] out = bytes.clone();
      for (int i = 0; i < out.length; i++) {
        int bits = Math.max(0, Math.min(8, prefix - i * 8));
        out[i] = (byte) (out[i] & (0xff << (8 - bits)));
      }
      return out;
    }

    @Override
    public boolean matches(String host, int port, URI url, InetAddress address) {
      byte[] bytes = address.getAddress();
      return bytes.length == network.length
          && java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    @Override
    public boolean explicit() {
      return prefix >= 8;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * An http(s) URL prefix: same scheme, host and port, and a path that is the prefix's path or
   * continues it after a {@code /} (after resolving dot segments).
   */
  record UrlPrefix(String text, String scheme, String host, int port, String path)
      implements TargetRule {
    static UrlPrefix parse(String t) {
      URI uri;
      try {
        uri = new URI(t);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("'" + t + "' is not a URL: " + e.getReason());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException(
            "'" + t + "': a URL prefix must start with http:// or https://");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("'" + t + "' names no host");
      }
      if (uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "'" + t + "': a URL prefix has no user info, query or fragment");
      }
      String path = uri.normalize().getRawPath();
      return new UrlPrefix(t, scheme, hostOf(uri), effectivePort(uri), path == null ? "" : path);
    }

    @Override
    public boolean matches(String host, int port, URI url, InetAddress address) {
      if (url == null || url.getScheme() == null) {
        return false;
      }
      if (!scheme.equalsIgnoreCase(url.getScheme())
          || !this.host.equals(host)
          || this.port != port) {
        return false;
      }
      if (path.isEmpty() || path.equals("/")) {
        return true;
      }
      String p = url.normalize().getRawPath();
      p = p == null || p.isEmpty() ? "/" : p;
      return p.equals(path) || p.startsWith(path.endsWith("/") ? path : path + "/");
    }

    @Override
    public boolean explicit() {
      return true;
    }
  }

  /** A URL's host in lower case, without IPv6 brackets or a trailing dot. */
  static String hostOf(URI url) {
    String h = url.getHost();
    if (h == null) {
      return null;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.toLowerCase(Locale.ROOT);
  }

  /** A URL's port, or its scheme's default (80, 443). */
  static int effectivePort(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
