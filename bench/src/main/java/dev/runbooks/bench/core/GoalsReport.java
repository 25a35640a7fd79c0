package dev.runbooks.bench.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Issue #20 goals" section at the top of docs/benchmarks.md: one line per {@link IssueGoal},
 * figure, goal, measured, met, and which suite measured it, when, with the load average when that
 * suite began. A run fills the lines of the suites it ran; the other lines stay as the page had
 * them (as the suites' own sections do), else read "not measured yet".
 */
public final class GoalsReport {
  /** The section's id in the page ({@code <!-- bench:goals -->}). */
  public static final String SECTION = "goals";

  static final List<String> HEADER =
      List.of("figure", "goal", "measured", "met", "suite, when, load average at its start");

  private GoalsReport() {}

  /**
   * Where and when a suite measured: its id, the time it began and the load average then.
   *
   * @param suite the suite's id
   * @param date when it began (ISO-8601)
   * @param load the 1, 5 and 15 minute load averages when it began
   */
  public record Measured(String suite, String date, String load) {
    /** How the last column reads. */
    String describe() {
      return "`" + suite + "`, " + date + ", load " + load;
    }
  }

  /** A line of the table: a result and where it was measured. */
  public record Line(IssueGoal.Result result, Measured where) {}

  /**
   * The section's body: the heading, what the table is, and the table with the lines measured now
   * ({@code fresh}), else those of the section as the page had it ({@code existing}, may be null).
   */
  public static String section(String existing, Map<IssueGoal, Line> fresh) {
    Map<String, List<String>> old = rows(existing == null ? "" : existing);
    List<List<String>> rows = new ArrayList<>();
    for (IssueGoal goal : IssueGoal.values()) {
      Line line = fresh.get(goal);
      if (line != null) {
        rows.add(
            List.of(
                goal.figure(),
                goal.goal().text(),
                line.result().measured(),
                line.result().met() ? "yes" : "NO",
                line.where().describe()));
      } else if (old.containsKey(goal.figure())) {
        rows.add(old.get(goal.figure()));
      } else {
        rows.add(
            List.of(
                goal.figure(),
                goal.goal().text(),
                "not measured yet",
                "",
                "`make bench SUITES=" + goal.suite() + "`"));
      }
    }
    String note =
        "Each line is filled by the suite that measures it (its section below has the details)"
            + " and stays as that suite last left it when a run does not include the suite. The"
            + " load average is the machine's when the suite began: on these 2 cores, anything"
            + " above 2 means the suite shared the CPU with other work, and a goal not met under"
            + " load says little about a quiet machine.";
    Table table =
        new Table("Every figure of issue #20 beside its goal", HEADER, rows, List.of(note));
    return "## Issue #20 goals\n\n" + table.markdown() + "\n";
  }

  /** The table's rows in a section as a page has it, by figure; header and separator skipped. */
  static Map<String, List<String>> rows(String section) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String line : section.split("\n")) {
      if (!line.startsWith("| ") || !line.endsWith(" |")) {
        continue;
      }
      List<String> cells =
          Arrays.stream(line.substring(2, line.length() - 2).split(" \\| ", -1))
              .map(c -> c.replace("\\|", "|"))
              .toList();
      if (cells.size() != HEADER.size()
          || cells.equals(HEADER)
          || cells.stream().allMatch(c -> c.equals("---"))) {
        continue;
      }
      found.put(cells.get(0), cells);
    }
    return found;
  }
}
