package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code /workspace} disk the system runs from: its logs, which log rotation compresses to a
 * tenth, and everything else (models, data, caches), which it does not touch.
 */
final class Disk {
  static final double SIZE_GB = 200;
  static final double OTHER_GB = 76;
  static final double LOGS_GB = 6;

  double logsGb;
  double otherGb;
  int rotations;

  Disk() {
    reset();
  }

  void reset() {
    logsGb = LOGS_GB;
    otherGb = OTHER_GB;
    rotations = 0;
  }

  double usedPercent() {
    return Math.round(1000 * (logsGb + otherGb) / SIZE_GB) / 10.0;
  }

  /** The seed's {@code scripts/rotate_logs.sh}: old logs compressed; the GB freed. */
  double rotate() {
    double before = logsGb;
    logsGb = Math.round(logsGb) / 10.0;
    rotations++;
    return Math.round(10 * (before - logsGb)) / 10.0;
  }

  /** What {@code df -h /workspace} and {@code du -sh logs/} say. */
  ObjectNode view() {
    return Json.object()
        .put("path", "/workspace")
        .put("size_gb", SIZE_GB)
        .put("used_gb", Math.round(10 * (logsGb + otherGb)) / 10.0)
        .put("used_percent", usedPercent())
        .put("logs_gb", Math.round(10 * logsGb) / 10.0);
  }
}
