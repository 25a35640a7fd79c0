package dev.runbooks.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row, rows, columns padded to their widest cell. */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();

  /** Creates a table with the given column headers. */
  public Table(String... headers) {
    rows.add(headers);
  }

  /** Adds a row; null cells print as {@code -}. */
  public Table row(Object... cells) {
    String[] row = new String[rows.get(0).length];
    for (int i = 0; i < row.length; i++) {
      Object cell = i < cells.length ? cells[i] : null;
      row[i] = cell == null || cell.toString().isEmpty() ? "-" : cell.toString();
    }
    rows.add(row);
    return this;
  }

  /** Prints the table, two spaces between columns, with no trailing spaces. */
  public void print(PrintWriter out) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
