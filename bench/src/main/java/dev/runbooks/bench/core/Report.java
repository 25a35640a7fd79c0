package dev.runbooks.bench.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes docs/benchmarks.md. The page comes from a template in this jar (how to run, what is
 * measured) with one marked section per suite, {@code <!-- bench:ID -->} to {@code <!-- /bench:ID
 * -->}. A run fills the sections of the suites it ran and keeps the others as the existing page has
 * them, so {@code SUITES=recovery} does not erase the latency figures.
 */
public final class Report {
  private static final Pattern SECTION =
      Pattern.compile("<!-- bench:([a-z-]+) -->\\n(.*?)<!-- /bench:\\1 -->", Pattern.DOTALL);

  private Report() {}

  /** The section of one suite: heading, where and when it was measured, its tables. */
  public static String section(String title, String environment, List<Table> tables) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(title).append("\n\n");
    out.append(environment).append("\n\n");
    for (Table table : tables) {
      out.append(table.markdown()).append('\n');
    }
    return out.toString();
  }

  /** The line naming the machine, JDK, Temporal server and the time, in italics. */
  public static String environment(Machine machine, String server, String date, String load) {
    return "_Measured "
        + date
        + " on "
        + machine.describe()
        + "; Temporal: "
        + server
        + "; load average when the suite began: "
        + load
        + "._";
  }

  /**
   * The page with these sections filled in: the template's text, each section from {@code fresh}
   * when there, else from {@code existing} (the page as it was, may be blank), else the template's
   * placeholder.
   */
  public static String render(String template, String existing, Map<String, String> fresh) {
    Map<String, String> old = sections(existing == null ? "" : existing);
    Matcher m = SECTION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String id = m.group(1);
      String body = fresh.getOrDefault(id, old.getOrDefault(id, m.group(2)));
      String block = "<!-- bench:" + id + " -->\n" + body + "<!-- /bench:" + id + " -->";
      m.appendReplacement(out, Matcher.quoteReplacement(block));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The page with section {@code id} set to {@code body}: replaced where the page has it, else
   * inserted after the section {@code after}, else appended at the end.
   */
  public static String upsert(String page, String id, String body, String after) {
    String block = "<!-- bench:" + id + " -->\n" + body + "<!-- /bench:" + id + " -->";
    Matcher m = SECTION.matcher(page);
    while (m.find()) {
      if (m.group(1).equals(id)) {
        return page.substring(0, m.start()) + block + page.substring(m.end());
      }
    }
    String end = "<!-- /bench:" + after + " -->";
    int at = page.indexOf(end);
    if (at >= 0) {
      int cut = at + end.length();
      return page.substring(0, cut) + "\n" + block + page.substring(cut);
    }
    return page + (page.isEmpty() || page.endsWith("\n") ? "" : "\n") + block + "\n";
  }

  /** The sections of a page by suite id. */
  static Map<String, String> sections(String page) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(page);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  /** Writes the page, keeping the sections of suites that did not run. */
  public static void write(Path doc, Map<String, String> fresh) throws IOException {
    write(doc, fresh, Map.of());
  }

  /**
   * Writes the page, keeping the sections of suites that did not run, with the issue #20 goals
   * table's lines of the suites that ran set to {@code goals} (the others kept as the page has
   * them, else "not measured yet").
   */
  public static void write(
      Path doc, Map<String, String> fresh, Map<IssueGoal, GoalsReport.Line> goals)
      throws IOException {
    String existing = Files.exists(doc) ? Files.readString(doc) : "";
    if (doc.getParent() != null) {
      Files.createDirectories(doc.getParent());
    }
    Map<String, String> all = new LinkedHashMap<>(fresh);
    all.put(
        GoalsReport.SECTION,
        GoalsReport.section(sections(existing).get(GoalsReport.SECTION), goals));
    Files.writeString(doc, render(template(), existing, all));
  }

  /** The page template shipped in this jar. */
  public static String template() {
    try (InputStream in =
        Objects.requireNonNull(
            Report.class.getResourceAsStream("/benchmarks-template.md"), "no template")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
