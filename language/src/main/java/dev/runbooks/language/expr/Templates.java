package dev.runbooks.language.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${{ expr }}} interpolation in strings. A string that is exactly one template yields the
 * expression's value with its type (a list stays a list); otherwise each template is replaced by
 * its value as text (maps and lists as JSON).
 *
 * <p>In URL fields ({@link #renderUrl}) a value that lands in the URL's path, query or fragment is
 * percent-encoded as one component: {@code /}, {@code ?}, {@code #}, {@code &}, {@code =} and
 * everything else but RFC 3986's unreserved characters become {@code %XX}, and a value that is
 * exactly {@code .} or {@code ..} becomes {@code %2E} / {@code %2E%2E}, so a value can never leave
 * its segment. The raw form {@code ${{ raw <expr> }}} splices the value as it is, for the rare
 * author who means a value to hold several segments; outside URL fields {@code raw} changes
 * nothing.
 */
public final class Templates {
  /**
   * One template in a string: where it starts and ends, and its CEL source (not trimmed).
   *
   * @param start the index of its {@code ${{}
   * @param end the index after its {@code }}}
   * @param source the text between them
   */
  public record Found(int start, int end, String source) {}

  /** A template that names a secret: {@code ${{ secrets.NAME }}}; group 1 is the name. */
  public static final Pattern SECRET =
      Pattern.compile("\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

  private static final Pattern RAW = Pattern.compile("\\s*raw\\s+(\\S.*)", Pattern.DOTALL);

  /**
   * The CEL source of a template's inside: trimmed, without the {@code raw} marker.
   *
   * @param inside the text between {@code ${{} and {@code }}}
   */
  public static String expressionOf(String inside) {
    Matcher raw = RAW.matcher(inside);
    return raw.matches() ? raw.group(1).trim() : inside.trim();
  }

  /** Whether a template's inside is the raw form {@code raw <expr>}. */
  public static boolean isRaw(String inside) {
    return RAW.matcher(inside).matches();
  }

  private Templates() {}

  /**
   * The secret a template's expression names, if it is exactly {@code secrets.NAME}. Such templates
   * are never rendered in workflow code: they stay in the text, and the activity that runs the step
   * resolves them, so secret values never reach the run's history.
   */
  public static java.util.Optional<String> secretName(String expression) {
    Matcher m = SECRET.matcher(expression);
    return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  /** The CEL sources of every template in a string. */
  public static List<String> expressionsIn(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (Found found : find(text)) {
      out.add(expressionOf(found.source()));
    }
    return out;
  }

  /**
   * Every template in a text, in order, in one linear pass ({@code ${{}, then the first {@code
   * }}}); a regex search would restart at every unclosed {@code ${{}.
   */
  public static List<Found> find(String text) {
    List<Found> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = text.indexOf("${{", from);
      if (start < 0) {
        return out;
      }
      int close = text.indexOf("}}", start + 3);
      if (close < 0) {
        return out; // no later template can close either
      }
      out.add(new Found(start, close + 2, text.substring(start + 3, close)));
      from = close + 2;
    }
  }

  /**
   * Renders one string. A {@code ${{ secrets.NAME }}} template is left as text, unmarked: outside
   * an action's config (see {@link #renderConfig}) the compiler refuses them, so here it is data.
   */
  public static Object render(String text, Map<String, ?> variables) {
    if (text == null || !text.contains("${{")) {
      return text;
    }
    String stripped = text.strip();
    List<Found> inStripped = find(stripped);
    if (!inStripped.isEmpty()
        && inStripped.get(0).start() == 0
        && inStripped.get(0).end() == stripped.length()) {
      String whole = inStripped.get(0).source();
      if (secretName(whole).isPresent()) {
        return text;
      }
      return Expressions.standard().evaluate(expressionOf(whole), variables);
    }
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (Found found : find(text)) {
      out.append(text, copied, found.start());
      if (secretName(found.source()).isPresent()) {
        out.append(text, found.start(), found.end());
      } else {
        Object value = Expressions.standard().evaluate(expressionOf(found.source()), variables);
        out.append(asText(value));
      }
      copied = found.end();
    }
    out.append(text, copied, text.length());
    return out.toString();
  }

  /**
   * Renders one string of an action's config. Like {@link #render}, except that the secret
   * references the text itself holds come back marked: when there are any, the result is a {@link
   * SecretText} whose spans locate them; values inserted by other templates are plain text, so a
   * {@code ${{ secrets.NAME }}} inside an alert label, an input, a step output or an expression's
   * result is never marked and stays data. Only references written in the runbook's source are ever
   * resolved, and only this method marks them.
   */
  public static Object renderConfig(String text, Map<String, ?> variables) {
    return renderMarked(text, variables, false);
  }

  /**
   * {@link #renderConfig}, and in a URL field ({@code url}) each value spliced by where it lands.
   */
  private static Object renderMarked(String text, Map<String, ?> variables, boolean url) {
    if (text == null || !text.contains("${{")) {
      return text;
    }
    String stripped = text.strip();
    List<Found> inStripped = find(stripped);
    if (!inStripped.isEmpty()
        && inStripped.get(0).start() == 0
        && inStripped.get(0).end() == stripped.length()
        && secretName(inStripped.get(0).source()).isEmpty()) {
      return Expressions.standard().evaluate(expressionOf(inStripped.get(0).source()), variables);
    }
    StringBuilder out = new StringBuilder();
    List<SecretText.Span> spans = new ArrayList<>();
    int tail = 0;
    for (Found found : find(text)) {
      out.append(text, tail, found.start());
      tail = found.end();
      java.util.Optional<String> secret = secretName(found.source());
      if (secret.isPresent()) {
        int start = out.length();
        out.append(text, found.start(), found.end());
        spans.add(new SecretText.Span(start, out.length(), secret.get()));
        continue;
      }
      String value =
          asText(Expressions.standard().evaluate(expressionOf(found.source()), variables));
      boolean encode = url && !isRaw(found.source()) && partAfter(out) != UrlPart.PREFIX;
      out.append(encode ? encodeComponent(value) : value);
    }
    out.append(text, tail, text.length());
    return spans.isEmpty() ? out.toString() : new SecretText(out.toString(), spans);
  }

  /** {@link #renderConfig} over every string in a JSON-like tree; other values are kept. */
  public static Object renderConfigTree(Object tree, Map<String, ?> variables) {
    return mapStrings(tree, s -> renderConfig(s, variables));
  }

  /** Where in a URL a template's value lands. */
  public enum UrlPart {
    /** The scheme and authority, or the whole URL: the value is spliced as it is. */
    PREFIX,
    /** The path: the value is encoded as one segment. */
    PATH,
    /** The query or fragment: the value is encoded as one component. */
    QUERY
  }

  /**
   * Where a value appended to a URL's text so far lands: before the path starts (no {@code ://}
   * yet, or nothing after the authority) it is part of the prefix; then in the path until a {@code
   * ?} or {@code #}; then in the query.
   */
  public static UrlPart partAfter(CharSequence soFar) {
    String s = soFar.toString();
    int scheme = s.indexOf("://");
    if (scheme < 0) {
      return UrlPart.PREFIX;
    }
    int authorityEnd = scheme + 3;
    while (authorityEnd < s.length() && "/?#".indexOf(s.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    if (authorityEnd == s.length()) {
      return UrlPart.PREFIX;
    }
    return s.indexOf('?', authorityEnd) >= 0 || s.indexOf('#', authorityEnd) >= 0
        ? UrlPart.QUERY
        : UrlPart.PATH;
  }

  /**
   * Renders a URL field. A string that is exactly one template yields its value as is (the whole
   * URL). Otherwise each value is spliced by where it lands ({@link #partAfter}): as it is in the
   * scheme and authority, percent-encoded as one component in the path, query and fragment ({@link
   * #encodeComponent}); {@code ${{ raw <expr> }}} is always spliced as it is. Secret references the
   * source wrote stay text and come back marked, as in {@link #renderConfig}.
   */
  public static Object renderUrl(String text, Map<String, ?> variables) {
    return renderMarked(text, variables, true);
  }

  /**
   * Percent-encodes a value as one URL component: every UTF-8 byte but RFC 3986's unreserved
   * characters ({@code A-Z a-z 0-9 - . _ ~}) as {@code %XX}; {@code .} and {@code ..} as {@code
   * %2E} and {@code %2E%2E}, so the value cannot be a dot segment either.
   */
  public static String encodeComponent(String value) {
    if (value.equals(".") || value.equals("..")) {
      return value.replace(".", "%2E");
    }
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Renders every string in a JSON-like tree (maps, lists, scalars); other values are kept. */
  public static Object renderTree(Object tree, Map<String, ?> variables) {
    return mapStrings(tree, s -> render(s, variables));
  }

  /** A JSON-like tree with every string replaced by {@code leaf} of it; other values are kept. */
  private static Object mapStrings(Object tree, java.util.function.Function<String, Object> leaf) {
    if (tree instanceof String s) {
      return leaf.apply(s);
    }
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), mapStrings(v, leaf)));
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(mapStrings(v, leaf)));
      return out;
    }
    return tree;
  }

  /** A value as text: strings as they are, null as empty, maps and lists as JSON. */
  public static String asText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map || value instanceof List) {
      return Json.write(value);
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return d.toString();
    }
    return String.valueOf(value);
  }
}
