package dev.runbooks.starter.intake;

import dev.runbooks.starter.inbox.internal.InboundAlert;
import java.util.Map;

/** Alerts for the intake's tests. */
final class TestAlerts {
  private TestAlerts() {}

  /**
   * A firing Alertmanager alert named {@code Storm} whose {@code instance} label and fingerprint
   * are {@code fingerprint}, of this severity (null for none).
   */
  static InboundAlert storm(String fingerprint, String severity) {
    return new InboundAlert(
        "alertmanager",
        "Storm",
        "firing",
        Map.of("instance", fingerprint),
        Map.of(),
        fingerprint,
        severity,
        null,
        null,
        null,
        null);
  }
}
