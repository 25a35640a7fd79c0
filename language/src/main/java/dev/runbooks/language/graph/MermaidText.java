package dev.runbooks.language.graph;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Node ids and label text made safe for Mermaid. */
final class MermaidText {
  private static final int MAX_LINE = 80;

  /** Words Mermaid's flowchart grammar treats as keywords, which cannot be bare node ids. */
  private static final Set<String> RESERVED =
      Set.of(
          "end",
          "graph",
          "flowchart",
          "subgraph",
          "style",
          "linkstyle",
          "classdef",
          "class",
          "click",
          "call",
          "callback",
          "href",
          "default",
          "direction",
          "interpolate",
          "accdescr",
          "acctitle");

  private MermaidText() {}

  /** The node id of a step: the step id, prefixed when Mermaid reserves it. */
  static String nodeId(String stepId) {
    return RESERVED.contains(stepId) ? "S_" + stepId : stepId;
  }

  /** Label lines joined with line breaks, each shortened and escaped, ready to put in quotes. */
  static String label(List<String> lines) {
    return lines.stream()
        .filter(line -> line != null && !line.isBlank())
        .map(line -> escape(shorten(line.strip())))
        .collect(Collectors.joining("<br/>"));
  }

  /** One line of text, shortened and escaped. */
  static String label(String line) {
    return label(List.of(line));
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    if (oneLine.length() <= MAX_LINE) {
      return oneLine;
    }
    return oneLine.substring(0, MAX_LINE - 3) + "...";
  }

  /**
   * Escapes text for a quoted Mermaid label with entity codes: quotes, and the characters that
   * would otherwise be read as HTML, markdown or entity codes.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("#quot;");
        case '#' -> out.append("#35;");
        case '&' -> out.append("#amp;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '`' -> out.append("#96;");
        case '|' -> out.append("#124;");
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
