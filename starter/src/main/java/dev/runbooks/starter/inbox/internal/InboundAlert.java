package dev.runbooks.starter.inbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
   * A stable identity for an alert without one: the first 16 hex digits of the SHA-256 of its
   * labels sorted by name, as Alertmanager's fingerprints are derived from the label set.
   */
  public static String fingerprintOf(Map<String, String> labels) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(labels).forEach((k, v) -> text.append(k).append('\u0000').append(v).append('\n'));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
