package dev.runbooks.tester;

import dev.runbooks.language.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a test run as JUnit XML (the {@code testsuites} format CI servers read): one {@code
 * testsuite} per test file, one {@code testcase} per case ({@code classname} the runbook), each
 * failure's diff as the failure's text; a file that could not run is one errored case.
 */
public final class JunitReport {
  private JunitReport() {}

  /** Writes the report to {@code file}, creating its directory. */
  public static void write(TestSuiteResult result, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, xml(result));
  }

  /** The report as XML text. */
  public static String xml(TestSuiteResult result) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"runbook tests\" tests=\"")
        .append(
            result.cases().size()
                + result.files().stream().filter(f -> !f.problems().isEmpty()).count())
        .append("\" failures=\"")
        .append(result.failed())
        .append("\" time=\"")
        .append(seconds(result.millis()))
        .append("\">\n");
    for (FileResult f : result.files()) {
      long failures = f.cases().stream().filter(c -> !c.passed()).count();
      long millis = f.cases().stream().mapToLong(CaseResult::realMillis).sum();
      b.append("  <testsuite name=\"")
          .append(escape(f.file()))
          .append("\" tests=\"")
          .append(f.problems().isEmpty() ? f.cases().size() : 1)
          .append("\" failures=\"")
          .append(failures)
          .append("\" errors=\"")
          .append(f.problems().isEmpty() ? 0 : 1)
          .append("\" time=\"")
          .append(seconds(millis))
          .append("\">\n");
      if (!f.problems().isEmpty()) {
        StringBuilder text = new StringBuilder();
        for (Problem p : f.problems()) {
          text.append(p).append('\n');
        }
        b.append("    <testcase classname=\"")
            .append(escape(f.runbook() == null ? f.file() : f.runbook()))
            .append(
                "\" name=\"(file)\" time=\"0\">\n      <error message=\"the test file cannot run\">")
            .append(escape(text.toString()))
            .append("</error>\n    </testcase>\n");
      }
      for (CaseResult c : f.cases()) {
        b.append("    <testcase classname=\"")
            .append(escape(c.runbook()))
            .append("\" name=\"")
            .append(escape(c.name()))
            .append("\" file=\"")
            .append(escape(c.file()))
            .append("\" line=\"")
            .append(c.line())
            .append("\" time=\"")
            .append(seconds(c.realMillis()))
            .append('"');
        if (c.passed()) {
          b.append("/>\n");
        } else {
          b.append(">\n      <failure message=\"")
              .append(escape(firstLine(c.failures().get(0))))
              .append("\">")
              .append(escape(String.join("\n", c.failures())))
              .append("</failure>\n    </testcase>\n");
        }
      }
      b.append("  </testsuite>\n");
    }
    return b.append("</testsuites>\n").toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
            b.append('?');
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}
