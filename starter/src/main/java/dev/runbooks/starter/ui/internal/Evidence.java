package dev.runbooks.starter.ui.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/** What a step leaves behind (outputs, result, error, note), written as readable JSON. */
final class Evidence {
  /** Evidence longer than this many characters is cut, with a note; the JSON API has it whole. */
  static final int MAX_CHARS = 4000;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Evidence() {}

  /** A value as indented JSON, cut at {@link #MAX_CHARS}. */
  static String json(Object value) {
    String text;
    if (value instanceof String s) {
      text = s;
    } else {
      try {
        text = JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        text = String.valueOf(value);
      }
    }
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    return text.substring(0, MAX_CHARS)
        + "\n… cut at "
        + MAX_CHARS
        + " of "
        + text.length()
        + " characters (the JSON API has it all)";
  }

  /** Writes a step's evidence: its error first, then outputs, note and (folded) result. */
  static void step(Html html, Map<String, Object> step) {
    if (step.get("error") instanceof Map<?, ?> error) {
      html.open("div", "class", "error");
      html.text(error.get("type") == null ? "" : error.get("type") + ": ");
      html.text(error.get("message")).close("div");
      Map<Object, Object> rest = new java.util.LinkedHashMap<>(error);
      rest.remove("message");
      rest.remove("type");
      if (!rest.isEmpty()) {
        folded(html, "error details", rest);
      }
    }
    if (step.get("outputs") instanceof Map<?, ?> outputs && !outputs.isEmpty()) {
      html.el("pre", json(outputs), "class", "outputs");
    }
    if (step.get("note") != null) {
      html.el("div", step.get("note"), "class", "note");
    }
    if (step.get("result") != null) {
      folded(html, "result", step.get("result"));
    }
  }

  /** A value folded under a summary line. */
  static void folded(Html html, String summary, Object value) {
    html.open("details").el("summary", summary).el("pre", json(value)).close("details");
  }
}
