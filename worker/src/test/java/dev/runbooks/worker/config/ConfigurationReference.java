package dev.runbooks.worker.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the reference table of docs/configuration.md from the {@code runbook.*} metadata: one
 * section per group ({@code runbook.api}, {@code runbook.intake}, ...), one row per key with its
 * environment variable, type, default and description (the Javadoc the configuration processor
 * copied, plus the value hints).
 */
final class ConfigurationReference {
  /** The line that opens the generated part of docs/configuration.md. */
  static final String BEGIN =
      "<!-- BEGIN GENERATED: ConfigurationReferenceTest writes what follows from the metadata;"
          + " do not edit by hand. -->";

  /** The line that closes it. */
  static final String END = "<!-- END GENERATED -->";

  private ConfigurationReference() {}

  /** The generated part, from {@link #BEGIN} to {@link #END} inclusive. */
  static String render(RunbookMetadata metadata) {
    Map<String, List<RunbookMetadata.Property>> groups = new LinkedHashMap<>();
    groups.put("runbook", new ArrayList<>());
    metadata
        .properties()
        .values()
        .forEach(p -> groups.computeIfAbsent(group(p.name()), g -> new ArrayList<>()).add(p));
    StringBuilder out = new StringBuilder(BEGIN).append("\n");
    groups.forEach(
        (group, properties) -> {
          out.append("\n### `").append(group).append("`\n\n");
          out.append("| Key | Type | Default | Description |\n");
          out.append("|-----|------|---------|-------------|\n");
          for (RunbookMetadata.Property p : properties) {
            out.append("| `")
                .append(p.name())
                .append("`<br>`")
                .append(p.environmentName())
                .append("` | ")
                .append(type(p.type()))
                .append(" | ")
                .append(p.defaultValue() == null ? "" : "`" + cell(p.defaultValue()) + "`")
                .append(" | ")
                .append(description(p))
                .append(" |\n");
          }
        });
    return out.append("\n").append(END).append("\n").toString();
  }

  /** Replaces the generated part of a document with a fresh one. */
  static String replace(String document, String generated) {
    int begin = document.indexOf(BEGIN);
    int end = document.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the document lacks the lines " + BEGIN + " and " + END);
    }
    return document.substring(0, begin) + generated + document.substring(end + END.length() + 1);
  }

  private static String group(String name) {
    String[] parts = name.split("\\.");
    return parts.length <= 2 ? "runbook" : parts[0] + "." + parts[1];
  }

  static String type(String type) {
    if (type == null) {
      return "";
    }
    String simple =
        type.replaceAll("\\b([a-z][a-z0-9_]*\\.)+", "")
            .replaceAll("\\b[A-Za-z0-9_]+\\$", "")
            .replace(",", ", ");
    return "`" + cell(simple) + "`";
  }

  private static String description(RunbookMetadata.Property p) {
    String text = p.description() == null ? "" : javadoc(p.description()).strip();
    if (!text.isEmpty()) {
      text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
      if (!text.endsWith(".")) {
        text = text + ".";
      }
    }
    if (!p.hints().isEmpty()) {
      text = text + " Values: `" + String.join("`, `", p.hints()) + "`.";
    }
    return cell(text);
  }

  /** Turns {@code {@code x}} and {@code {@link x}} into Markdown code, nested braces included. */
  static String javadoc(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int tag = text.indexOf("{@", i);
      if (tag < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, tag);
      int space = tag + 2;
      while (space < text.length() && Character.isLetter(text.charAt(space))) {
        space++;
      }
      int depth = 1;
      int j = space;
      while (j < text.length() && depth > 0) {
        char c = text.charAt(j);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        j++;
      }
      String body = text.substring(space, depth == 0 ? j - 1 : j).strip();
      out.append('`').append(body).append('`');
      i = j;
    }
    return out.toString().replaceAll("\\s+", " ");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
