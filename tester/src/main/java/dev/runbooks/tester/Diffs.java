package dev.runbooks.tester;

import dev.runbooks.language.expr.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readable differences between what a case expected and what its run did. */
final class Diffs {
  private static final Pattern OPERAND =
      Pattern.compile("^\\s*(.+?)\\s*(==|!=|<=|>=|<|>)\\s*(.+?)\\s*$");

  private Diffs() {}

  /**
   * The expected and actual step lists line by line, as a unified diff: {@code -} expected but not
   * run there, {@code +} run but not expected, two spaces for agreement (longest common
   * subsequence).
   */
  static String lines(List<String> expected, List<String> actual, boolean contains) {
    int n = expected.size();
    int m = actual.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            expected.get(i).equals(actual.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
        out.add("      " + expected.get(i));
        i++;
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add((contains ? "      " : "    + ") + actual.get(j));
        j++;
      } else {
        out.add("    - " + expected.get(i));
        i++;
      }
    }
    return "    (- expected, + not expected)\n" + String.join("\n", out);
  }

  /** For a failed comparison, the values of both sides, e.g. " (left: 3, right: 4)". */
  static String operands(Expressions cel, String condition, Map<String, Object> vars) {
    Matcher m = OPERAND.matcher(condition);
    if (!m.matches() || condition.contains("&&") || condition.contains("||")) {
      return "";
    }
    try {
      Object left = cel.evaluate(m.group(1), vars);
      Object right = cel.evaluate(m.group(3), vars);
      return "\n    "
          + m.group(1)
          + " = "
          + show(left)
          + "\n    "
          + m.group(3)
          + " = "
          + show(right);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String show(Object value) {
    if (value instanceof String s) {
      return "\"" + s.replace("\n", "\\n") + "\"";
    }
    return String.valueOf(value);
  }
}
