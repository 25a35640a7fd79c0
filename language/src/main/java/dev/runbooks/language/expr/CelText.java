package dev.runbooks.language.expr;

/**
 * Hand-written scanners over CEL source text. They run in time linear in the text and use no
 * recursion, unlike {@code java.util.regex} patterns such as {@code "(?:[^"\\]|\\.)*"}, which
 * recurse once per character and overflow the stack on a string literal of a few thousand
 * characters.
 */
public final class CelText {
  private CelText() {}

  /**
   * The source with every string literal replaced by {@code ""}, so that what looks like a
   * reference inside a literal ({@code 'steps.x'}) is not taken for one. Literals may be single,
   * double or triple quoted, raw ({@code r'\d'}) or bytes ({@code b'..'}); an unterminated literal
   * (a syntax error CEL reports) is kept as it is.
   */
  public static String blankStringLiterals(String source) {
    int n = source.length();
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      char c = source.charAt(i);
      if (c != '"' && c != '\'') {
        i++;
        continue;
      }
      boolean raw = rawPrefix(source, i);
      boolean triple = i + 2 < n && source.charAt(i + 1) == c && source.charAt(i + 2) == c;
      int end = triple ? closeTriple(source, i + 3, c, raw) : closeSingle(source, i + 1, c, raw);
      if (end < 0) {
        break;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(source, copied, i).append("\"\"");
      copied = end;
      i = end;
    }
    if (out == null) {
      return source;
    }
    return out.append(source, copied, n).toString();
  }

  /**
   * The first name of a plain field path such as {@code steps.probe.outputs.ok} (names joined by
   * dots, blanks allowed around them), or null when the source is anything else.
   */
  public static String simplePathRoot(String source) {
    int n = source.length();
    int i = skipBlanks(source, 0);
    if (i >= n || !identifierStart(source.charAt(i))) {
      return null;
    }
    int rootEnd = identifierEnd(source, i);
    String root = source.substring(i, rootEnd);
    i = rootEnd;
    while (true) {
      i = skipBlanks(source, i);
      if (i == n) {
        return root;
      }
      if (source.charAt(i) != '.') {
        return null;
      }
      i = skipBlanks(source, i + 1);
      if (i >= n || !identifierStart(source.charAt(i))) {
        return null;
      }
      i = identifierEnd(source, i);
    }
  }

  private static boolean rawPrefix(String s, int quote) {
    boolean raw = false;
    int j = quote - 1;
    for (int k = 0; k < 2 && j >= 0; k++, j--) {
      char p = s.charAt(j);
      if (p == 'r' || p == 'R') {
        raw = true;
      } else if (p != 'b' && p != 'B') {
        break;
      }
    }
    // the prefix must start a token: r'..' is raw, but in foo'..' the r of foo is no prefix
    int start = j + 1;
    return raw && (start == 0 || !identifierPart(s.charAt(start - 1)));
  }

  private static int closeSingle(String s, int from, char quote, boolean raw) {
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\\' && !raw) {
        k++;
      } else if (c == quote) {
        return k + 1;
      }
    }
    return -1;
  }

  private static int closeTriple(String s, int from, char quote, boolean raw) {
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\\' && !raw) {
        k++;
      } else if (c == quote
          && k + 2 < s.length()
          && s.charAt(k + 1) == quote
          && s.charAt(k + 2) == quote) {
        return k + 3;
      }
    }
    return -1;
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && blank(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int identifierEnd(String s, int i) {
    while (i < s.length() && identifierPart(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean identifierStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean identifierPart(char c) {
    return identifierStart(c) || (c >= '0' && c <= '9');
  }
}
