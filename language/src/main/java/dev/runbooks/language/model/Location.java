package dev.runbooks.language.model;

/**
 * Where something sits in a runbook's source: the file, a 1-based line and a 1-based column. A
 * location of a definition built in code rather than parsed has line 0.
 */
public record Location(String file, int line, int column) {
  /** A location for definitions that did not come from a file. */
  public static final Location UNKNOWN = new Location("<unknown>", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
