package dev.runbooks.language.steps;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks shared by the remediation step kinds (prometheus, circuitBreaker, escalate). */
final class RemediationChecks {
  private RemediationChecks() {}

  /** Adds a problem when a field holds a literal that is not an absolute http(s) URL. */
  static void url(
      Map<String, Object> config,
      String field,
      String path,
      Function<String, Location> locate,
      List<Problem> problems) {
    if (config.get(field) instanceof String url && !url.contains("${{")) {
      String lower = url.strip().toLowerCase(Locale.ROOT);
      String rest = lower.replaceFirst("^https?://", "");
      if (rest.length() == lower.length() || rest.isEmpty() || rest.startsWith("/")) {
        add(problems, locate, path + "." + field, "must be an absolute http:// or https:// URL");
      }
    }
  }

  /** The duration a literal field holds, or empty when it is absent, a template or invalid. */
  static Optional<Duration> duration(Map<String, Object> config, String field) {
    if (config.get(field) instanceof String s && !s.contains("${{") && Durations.isValid(s)) {
      return Optional.of(Durations.parse(s));
    }
    return Optional.empty();
  }

  /** Whether the brackets, braces, parentheses and quotes of a PromQL expression pair up. */
  static boolean balanced(String text) {
    Deque<Character> open = new ArrayDeque<>();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        open.push(c);
      } else if (c == ')' || c == ']' || c == '}') {
        char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (open.isEmpty() || open.pop() != expected) {
          return false;
        }
      }
    }
    return quote == 0 && open.isEmpty();
  }

  /**
   * Adds a problem when a condition the worker evaluates against {@code result} names another
   * variable: the activity sees only the result, so {@code inputs.max} would fail at run time.
   */
  static void onlyResult(
      String condition, String at, Function<String, Location> locate, List<Problem> problems) {
    String code = STRING_LITERAL.matcher(condition).replaceAll("\"\"");
    Matcher m = OTHER_VARIABLE.matcher(code);
    if (m.find()) {
      add(
          problems,
          locate,
          at,
          "this condition is evaluated by the worker against result only, so it cannot read '"
              + m.group(1)
              + "'; write the value out, or compare in a later step's when or outputs");
    }
  }

  private static final Pattern STRING_LITERAL =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern OTHER_VARIABLE =
      Pattern.compile("(?<![.\\w])(inputs|steps|alert|run|item|index|error)\\b");

  /** Adds a problem at a path. */
  static void add(
      List<Problem> problems, Function<String, Location> locate, String at, String message) {
    problems.add(new Problem(locate.apply(at), at, message));
  }
}
