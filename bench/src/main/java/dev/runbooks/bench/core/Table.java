package dev.runbooks.bench.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One result table of a suite: a title, a header, rows of cells, and notes printed under it.
 *
 * @param title what the table shows
 * @param header the column names
 * @param rows the rows; each as long as the header
 * @param notes sentences printed below the table
 */
public record Table(
    String title, List<String> header, List<List<String>> rows, List<String> notes) {

  /** Copies the lists and checks that every row has a cell per column. */
  public Table {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    notes = List.copyOf(notes);
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "row " + row + " has " + row.size() + " cells for " + header.size() + " columns");
      }
    }
  }

  /** A builder of a table with these columns. */
  public static Builder builder(String title, String... header) {
    return new Builder(title, List.of(header));
  }

  /** The table in GitHub Markdown, with its title in bold above and notes below. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("**").append(title).append("**\n\n");
    out.append(line(header));
    out.append(line(header.stream().map(h -> "---").toList()));
    rows.forEach(row -> out.append(line(row)));
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(note -> out.append(note).append('\n'));
    }
    return out.toString();
  }

  private static String line(List<String> cells) {
    return "| "
        + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())
        + " |\n";
  }

  /** Collects rows and notes. */
  public static final class Builder {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Builder(String title, List<String> header) {
      this.title = title;
      this.header = header;
    }

    /** Adds a row. */
    public Builder row(String... cells) {
      rows.add(List.of(cells));
      return this;
    }

    /** Adds a note. */
    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    /** The table. */
    public Table build() {
      return new Table(title, header, rows, notes);
    }
  }
}
