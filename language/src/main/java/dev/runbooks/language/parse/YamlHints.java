package dev.runbooks.language.parse;

import org.yaml.snakeyaml.error.Mark;

/**
 * Hints for YAML syntax errors that runbook authors make often: a CEL conditional {@code a ? b : c}
 * written in a plain (unquoted) value, where YAML reads {@code ": "} as the start of a map.
 */
final class YamlHints {
  private YamlHints() {}

  /** A hint to append to the error at this mark, or an empty string. */
  static String hint(String source, Mark mark) {
    if (mark == null) {
      return "";
    }
    String[] lines = source.split("\\R", -1);
    if (mark.getLine() >= lines.length) {
      return "";
    }
    String line = lines[mark.getLine()];
    int column = Math.min(mark.getColumn(), line.length());
    String before = line.substring(0, column);
    int question = before.lastIndexOf(" ? ");
    if (question >= 0 && line.startsWith(":", column) && before.indexOf(": ") < question) {
      return "; the value holds a CEL conditional (a ? b : c), whose ': ' YAML reads as a map:"
          + " put the value in quotes, such as 'mode ${{ x ? \"a\" : \"b\" }}'";
    }
    return "";
  }
}
