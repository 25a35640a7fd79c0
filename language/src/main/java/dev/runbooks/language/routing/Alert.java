package dev.runbooks.language.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An alert as the intake hands it to the {@link AlertRouter}, whatever system sent it. {@code
 * source} is {@code alertmanager}, {@code grafana} or {@code generic/<name>}; {@code status} is
 * {@code firing} or {@code resolved} (firing when not given); times are ISO-8601 text as received;
 * {@code values} holds numbers the alert carries (such as Grafana's evaluated values); {@code raw}
 * is the payload as received, or null. Absent strings read as empty and absent maps as empty maps.
 */
public record Alert(
    String source,
    String name,
    String status,
    Map<String, String> labels,
    Map<String, String> annotations,
    String fingerprint,
    String severity,
    String startsAt,
    String endsAt,
    String generatorURL,
    Map<String, Object> values,
    Map<String, Object> raw) {
  /** The status of an alert that is active. */
  public static final String FIRING = "firing";

  /** The status of an alert that has ended. */
  public static final String RESOLVED = "resolved";

  public Alert {
    source = text(source).toLowerCase(Locale.ROOT);
    name = text(name);
    status = status == null || status.isBlank() ? FIRING : status.strip().toLowerCase(Locale.ROOT);
    labels = copy(labels);
    annotations = copy(annotations);
    fingerprint = text(fingerprint);
    severity = text(severity);
    startsAt = text(startsAt);
    endsAt = text(endsAt);
    generatorURL = text(generatorURL);
    values = copy(values);
    raw = raw == null ? null : copy(raw);
  }

  /** An alert without its raw payload. */
  public Alert(
      String source,
      String name,
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      String fingerprint,
      String severity,
      String startsAt,
      String endsAt,
      String generatorURL,
      Map<String, Object> values) {
    this(
        source,
        name,
        status,
        labels,
        annotations,
        fingerprint,
        severity,
        startsAt,
        endsAt,
        generatorURL,
        values,
        null);
  }

  /** Whether the alert has ended. Resolved alerts never start a run. */
  public boolean resolved() {
    return RESOLVED.equals(status);
  }

  /**
   * The alert as expressions see it, the {@code alert} variable: {@code name}, {@code status},
   * {@code labels}, {@code annotations}, {@code fingerprint}, {@code severity} (the {@code
   * severity} label when the alert has no severity of its own), {@code source}, {@code startsAt},
   * {@code endsAt}, {@code generatorURL}, {@code values} and, when there is one, {@code raw}.
   */
  public Map<String, Object> toExpressionView() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", name);
    view.put("status", status);
    view.put("labels", labels);
    view.put("annotations", annotations);
    view.put("fingerprint", fingerprint);
    view.put("severity", severity.isEmpty() ? labels.getOrDefault("severity", "") : severity);
    view.put("source", source);
    view.put("startsAt", startsAt);
    view.put("endsAt", endsAt);
    view.put("generatorURL", generatorURL);
    view.put("values", values);
    if (raw != null) {
      view.put("raw", raw);
    }
    return Collections.unmodifiableMap(view);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
