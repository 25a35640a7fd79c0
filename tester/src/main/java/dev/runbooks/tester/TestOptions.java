package dev.runbooks.tester;

import java.time.Duration;

/**
 * How {@link RunbookTests} runs.
 *
 * @param filter a glob over case names and runbook names ({@code *} any text, {@code ?} one
 *     character); a case runs when its name or its runbook's name matches; null runs every case
 * @param caseTimeout the most wall-clock time one case may take before it fails
 */
public record TestOptions(String filter, Duration caseTimeout) {
  /** Every case, 30 s each at most. */
  public static TestOptions defaults() {
    return new TestOptions(null, Duration.ofSeconds(30));
  }

  /** These options with a filter. */
  public TestOptions withFilter(String glob) {
    return new TestOptions(glob, caseTimeout);
  }

  /** Whether a case of this name, of this runbook, runs. */
  public boolean selects(String runbook, String caseName) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String regex = globRegex(filter);
    return (caseName != null && caseName.matches(regex))
        || (runbook != null && runbook.matches(regex));
  }

  private static String globRegex(String glob) {
    StringBuilder b = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> b.append(".*");
        case '?' -> b.append('.');
        default -> b.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }
}
