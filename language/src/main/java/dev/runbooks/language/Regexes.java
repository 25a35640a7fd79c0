package dev.runbooks.language;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The regular expressions that runbooks and API callers supply (trigger label matchers, maintenance
 * window matchers). They run on RE2/J, which matches in time linear in the input, never on {@code
 * java.util.regex}, whose backtracking lets a pattern such as {@code (.*a){8}x} take minutes on an
 * 80-character label inside a dispatcher pass. RE2 has no backreferences, lookaround, atomic groups
 * or possessive quantifiers (the constructs that need backtracking); they are refused with a
 * message naming them, and so is a pattern longer than {@link #MAX_LENGTH} characters. The syntax
 * is the one Prometheus uses for its label matchers.
 *
 * <p>CEL's {@code matches()} in expressions already runs on RE2/J (cel-java's runtime), so
 * expressions need nothing from here. Thread-safe; compiled patterns are cached.
 */
public final class Regexes {
  /** The longest pattern accepted, in characters. */
  public static final int MAX_LENGTH = 1000;

  private static final int MAX_CACHED = 10_000;
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final String LINEAR =
      " are not supported: regular expressions run on RE2, which matches in linear time";

  private Regexes() {}

  /**
   * What is wrong with a pattern, or empty when it compiles. The message does not repeat the
   * pattern, such as {@code backreferences (\1) are not supported: ...} or {@code missing closing
   * ]: `[0-9+`}.
   */
  public static Optional<String> problem(String regex) {
    if (regex == null) {
      return Optional.of("a regular expression is required");
    }
    if (regex.length() > MAX_LENGTH) {
      return Optional.of(
          "the regular expression is "
              + regex.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed");
    }
    Optional<String> unsupported = unsupported(regex);
    if (unsupported.isPresent()) {
      return unsupported;
    }
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(e.getDescription() + ": `" + e.getPattern() + "`");
    }
  }

  /**
   * Whether the pattern matches the whole value.
   *
   * @throws IllegalArgumentException when the pattern has a {@link #problem(String)}
   */
  public static boolean matchesWhole(String regex, String value) {
    return compile(regex).matcher(value).matches();
  }

  /**
   * The compiled pattern, from the cache when it was compiled before.
   *
   * @throws IllegalArgumentException when the pattern has a {@link #problem(String)}
   */
  public static Pattern compile(String regex) {
    Pattern pattern = regex == null ? null : CACHE.get(regex);
    if (pattern != null) {
      return pattern;
    }
    Optional<String> problem = problem(regex);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("invalid regex '" + regex + "': " + problem.get());
    }
    pattern = Pattern.compile(regex);
    if (CACHE.size() >= MAX_CACHED) {
      CACHE.clear();
    }
    CACHE.put(regex, pattern);
    return pattern;
  }

  /** The first construct RE2 lacks, outside character classes and escapes. */
  private static Optional<String> unsupported(String regex) {
    boolean inClass = false;
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char next = regex.charAt(++i);
        if (!inClass && next >= '1' && next <= '9') {
          return Optional.of("backreferences (\\" + next + ")" + LINEAR);
        }
        if (!inClass && next == 'k' && i + 1 < n && regex.charAt(i + 1) == '<') {
          return Optional.of("named backreferences (\\k<name>)" + LINEAR);
        }
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        }
        continue;
      }
      if (c == '[') {
        inClass = true;
        // A ] right after [ or [^ is a literal.
        if (i + 1 < n && regex.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < n && regex.charAt(i + 1) == ']') {
          i++;
        }
        continue;
      }
      if (regex.startsWith("(?=", i) || regex.startsWith("(?!", i)) {
        return Optional.of("lookaheads (" + regex.substring(i, i + 3) + "...))" + LINEAR);
      }
      if (regex.startsWith("(?<=", i) || regex.startsWith("(?<!", i)) {
        return Optional.of("lookbehinds (" + regex.substring(i, i + 4) + "...))" + LINEAR);
      }
      if (regex.startsWith("(?>", i)) {
        return Optional.of("atomic groups ((?>...))" + LINEAR);
      }
      if (c == '+' && i > 0 && "*+?}".indexOf(regex.charAt(i - 1)) >= 0 && !escaped(regex, i - 1)) {
        return Optional.of("possessive quantifiers (" + regex.charAt(i - 1) + "+)" + LINEAR);
      }
    }
    return Optional.empty();
  }

  /** Whether the character at i is escaped by an odd number of backslashes. */
  private static boolean escaped(String s, int i) {
    int backslashes = 0;
    for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
