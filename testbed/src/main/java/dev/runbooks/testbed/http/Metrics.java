package dev.runbooks.testbed.http;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Writes metrics in the Prometheus text exposition format (version 0.0.4). */
public final class Metrics {
  private final StringBuilder out = new StringBuilder();
  private final Set<String> described = new HashSet<>();

  /** A gauge without labels. */
  public Metrics gauge(String name, String help, double value) {
    return sample("gauge", name, help, Map.of(), value);
  }

  /** A gauge with labels. */
  public Metrics gauge(String name, String help, Map<String, String> labels, double value) {
    return sample("gauge", name, help, labels, value);
  }

  /** A counter ({@code name} should end in {@code _total}) with labels. */
  public Metrics counter(String name, String help, Map<String, String> labels, double value) {
    return sample("counter", name, help, labels, value);
  }

  private Metrics sample(
      String type, String name, String help, Map<String, String> labels, double value) {
    if (described.add(name)) {
      out.append("# HELP ").append(name).append(' ').append(help).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
    out.append(name);
    if (!labels.isEmpty()) {
      out.append(
          labels.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
              .collect(Collectors.joining(",", "{", "}")));
    }
    out.append(' ').append(format(value)).append('\n');
    return this;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return Double.toString(value);
  }

  /** The exposition text. */
  public String text() {
    return out.toString();
  }
}
