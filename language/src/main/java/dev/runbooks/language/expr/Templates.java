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
 */
public final class Templates {
  /**
   * The pattern of one template; group 1 is the CEL source. The methods here find templates with a
   * linear scan instead ({@code ${{}, then the first {@code }}}), since a regex search restarts at
   * every unclosed {@code ${{}.
   */
  public static final Pattern TEMPLATE = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);

  /** One template in a string: where it starts and ends, and its CEL source (not trimmed). */
  private record Found(int start, int end, String source) {}

  /** A template that names a secret: {@code ${{ secrets.NAME }}}; group 1 is the name. */
  public static final Pattern SECRET =
      Pattern.compile("\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

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
      out.add(found.source().trim());
    }
    return out;
  }

  /** Every template in a text, in order, in one pass. */
  private static List<Found> find(String text) {
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
      return Expressions.standard().evaluate(whole.trim(), variables);
    }
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (Found found : find(text)) {
      out.append(text, copied, found.start());
      if (secretName(found.source()).isPresent()) {
        out.append(text, found.start(), found.end());
      } else {
        Object value = Expressions.standard().evaluate(found.source().trim(), variables);
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
    if (text == null || !text.contains("${{")) {
      return text;
    }
    String stripped = text.strip();
    List<Found> inStripped = find(stripped);
    if (!inStripped.isEmpty()
        && inStripped.get(0).start() == 0
        && inStripped.get(0).end() == stripped.length()
        && secretName(inStripped.get(0).source()).isEmpty()) {
      return Expressions.standard().evaluate(inStripped.get(0).source().trim(), variables);
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
      } else {
        out.append(asText(Expressions.standard().evaluate(found.source().trim(), variables)));
      }
    }
    out.append(text, tail, text.length());
    return spans.isEmpty() ? out.toString() : new SecretText(out.toString(), spans);
  }

  /** {@link #renderConfig} over every string in a JSON-like tree; other values are kept. */
  public static Object renderConfigTree(Object tree, Map<String, ?> variables) {
    if (tree instanceof String s) {
      return renderConfig(s, variables);
    }
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), renderConfigTree(v, variables)));
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(renderConfigTree(v, variables)));
      return out;
    }
    return tree;
  }

  /** Renders every string in a JSON-like tree (maps, lists, scalars); other values are kept. */
  public static Object renderTree(Object tree, Map<String, ?> variables) {
    if (tree instanceof String s) {
      return render(s, variables);
    }
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), renderTree(v, variables)));
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(renderTree(v, variables)));
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
