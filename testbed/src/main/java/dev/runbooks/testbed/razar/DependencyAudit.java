package dev.runbooks.testbed.razar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tools/dependency_audit.py}: compares the installed packages with the versions pinned in
 * {@code pyproject.toml}, appends its report to {@code logs/dependency_audit.log}, and exits
 * non-zero when a package is missing or differs. Rebuilding the environment installs the pins.
 */
final class DependencyAudit {
  static final Map<String, String> PINNED =
      Map.of(
          "fastapi", "0.110.0",
          "pydantic", "2.6.4",
          "psutil", "5.9.8",
          "prometheus-client", "0.20.0",
          "numpy", "1.26.4");

  private final Clock clock;
  private final RazarFiles files;
  private final Map<String, String> drift = new HashMap<>();
  private int lastMismatches;

  DependencyAudit(Clock clock, RazarFiles files) {
    this.clock = clock;
    this.files = files;
  }

  void reset() {
    drift.clear();
    lastMismatches = 0;
  }

  /** A package installed at another version ({@code null}: not installed). */
  void drift(String pkg, String installed) {
    if (!PINNED.containsKey(pkg)) {
      throw new IllegalArgumentException(
          "unknown package '" + pkg + "'; pinned: " + PINNED.keySet());
    }
    drift.put(pkg, installed);
  }

  /** The environment was rebuilt from the pins. */
  void rebuilt() {
    drift.clear();
  }

  int lastMismatches() {
    return lastMismatches;
  }

  /** Runs the audit. */
  Map<String, Object> run() {
    List<Map<String, Object>> mismatches = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    StringBuilder log = new StringBuilder(clock.instant() + " dependency audit\n");
    for (String pkg : PINNED.keySet().stream().sorted().toList()) {
      String pinned = PINNED.get(pkg);
      if (!drift.containsKey(pkg)) {
        continue;
      }
      String installed = drift.get(pkg);
      if (installed == null) {
        missing.add(pkg);
        log.append("  MISSING ").append(pkg).append(" (pinned ").append(pinned).append(")\n");
      } else {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", pkg);
        m.put("pinned", pinned);
        m.put("installed", installed);
        mismatches.add(m);
        log.append("  MISMATCH ")
            .append(pkg)
            .append(": pinned ")
            .append(pinned)
            .append(", installed ")
            .append(installed)
            .append('\n');
      }
    }
    int exit = mismatches.isEmpty() && missing.isEmpty() ? 0 : 1;
    log.append("  exit ").append(exit).append('\n');
    files.auditLog(log.toString());
    lastMismatches = mismatches.size() + missing.size();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("command", "python tools/dependency_audit.py");
    result.put("exit_code", exit);
    result.put("checked", PINNED.size());
    result.put("mismatches", mismatches);
    result.put("missing", missing);
    result.put("log", "logs/dependency_audit.log");
    return result;
  }
}
