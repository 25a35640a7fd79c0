package dev.runbooks.language.expr;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rendered config string in which the runbook's own source put one or more {@code ${{
 * secrets.NAME }}} references. The text keeps each reference as written (so history, dry runs and
 * reports show {@code ${{ secrets.NAME }}}, never a value), and {@link #spans()} says where each
 * one is. Only {@link Templates#renderConfig} makes these, from references it found in the source
 * text; a value that came from an alert, an input, a step output or an expression is inserted as a
 * plain string, so {@code ${{ secrets.NAME }}} inside such a value is data and has no span.
 *
 * <p>The type exists only in workflow memory: run data (JSON) can never deserialize into it, which
 * is what makes it unforgeable. Before a config leaves the workflow it is flattened into plain
 * strings plus a list of positions ({@link dev.runbooks.language.steps.ActionRequest#rendered}).
 * Serialized by Jackson (a status query, say), it is its text.
 */
public final class SecretText {
  /**
   * One reference: {@code [start, end)} of the text holds {@code ${{ secrets.name }}} as written.
   */
  public record Span(int start, int end, String name) {
    public Span {
      Objects.requireNonNull(name, "name");
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
      }
    }
  }

  private final String text;
  private final List<Span> spans;

  /**
   * A text with references at the given spans, in order and not overlapping.
   *
   * @throws IllegalArgumentException when a span is out of the text, out of order or overlaps
   */
  public SecretText(String text, List<Span> spans) {
    this.text = Objects.requireNonNull(text, "text");
    this.spans = List.copyOf(spans);
    int last = 0;
    for (Span s : this.spans) {
      if (s.start() < last || s.end() > text.length()) {
        throw new IllegalArgumentException("span " + s + " does not fit " + text.length());
      }
      last = s.end();
    }
  }

  /** The rendered text, each reference as the source wrote it. */
  @JsonValue
  public String text() {
    return text;
  }

  /** Where the references are, in order. */
  public List<Span> spans() {
    return spans;
  }

  /** The tree with every {@code SecretText} replaced by its text (references left as written). */
  public static Object plain(Object tree) {
    if (tree instanceof SecretText s) {
      return s.text;
    }
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return tree;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretText s && s.text.equals(text) && s.spans.equals(spans);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, spans);
  }

  /** The text, as a string of the config would show. */
  @Override
  public String toString() {
    return text;
  }
}
