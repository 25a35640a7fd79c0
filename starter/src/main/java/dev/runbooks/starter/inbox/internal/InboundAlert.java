package dev.runbooks.starter.inbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as the intake stores it, whatever its source: the fields every source has, with {@code
 * name} also in the {@code alertname} label. {@code values} holds Grafana's evaluated values (empty
 * for other sources).
 */
public record InboundAlert(
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
  /** The status of an alert that fires. */
  public static final String FIRING = "firing";

  /** The status of an alert that resolved. */
  public static final String RESOLVED = "resolved";

  /** Copies the maps and derives what was left out: the alertname label, fingerprint, severity. */
  public InboundAlert {
    Map<String, String> l = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    l.putIfAbsent("alertname", name);
    labels = java.util.Collections.unmodifiableMap(l);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    values =
        values == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    fingerprint =
        fingerprint == null || fingerprint.isBlank() ? fingerprintOf(labels) : fingerprint;
    severity = severity == null || severity.isBlank() ? labels.get("severity") : severity;
  }

  /** Whether the alert fires (rather than resolved). */
  public boolean firing() {
    return FIRING.equals(status);
  }

  /**
   * A stable identity for an alert without one, computed exactly as Alertmanager computes its
   * fingerprints ({@code model.LabelSet.Fingerprint}): 64-bit FNV-1a over the labels sorted by
   * name, each name and value followed by the byte 0xff, as 16 hex digits. So the same label set
   * gets the same fingerprint, and the same dedup key, whichever source sends it.
   */
  public static String fingerprintOf(Map<String, String> labels) {
    long hash = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      for (String part : new String[] {label.getKey(), label.getValue()}) {
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
          hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ 0xff) * 0x100000001b3L;
      }
    }
    return String.format("%016x", hash);
  }
}
