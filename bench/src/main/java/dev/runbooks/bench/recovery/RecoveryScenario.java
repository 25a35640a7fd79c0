package dev.runbooks.bench.recovery;

import java.util.List;
import java.util.Map;

/**
 * One of the six MINIMINIMOON scenarios of seed 003 the {@link RecoverySuite} measures: the fault
 * injected, the alert Prometheus fires for it, and the seed's target recovery time.
 *
 * @param name the seed's fault and whether it is the full or the partial form
 * @param fault the testbed fault
 * @param params the fault's parameters
 * @param alertname the alert the runbook triggers on
 * @param severity the alert's severity label
 * @param targetSeconds the seed's target recovery time
 */
public record RecoveryScenario(
    String name,
    String fault,
    Map<String, Object> params,
    String alertname,
    String severity,
    double targetSeconds) {

  /** A quarter of the seed's target recovery time, in milliseconds. */
  public double goalMillis() {
    return targetSeconds * 1000 / 4;
  }

  /** The six scenarios of seed 003. */
  public static final List<RecoveryScenario> ALL =
      List.of(
          new RecoveryScenario(
              "network_failure/full",
              "network_failure",
              Map.of("cause", "upstream"),
              "MiniminimoonNetworkDown",
              "critical",
              0.967),
          new RecoveryScenario(
              "network_failure/partial",
              "network_partial",
              Map.of(),
              "MiniminimoonNetworkIntermittent",
              "warning",
              0.967),
          new RecoveryScenario(
              "disk_full/full", "disk_full", Map.of(), "MiniminimoonDiskFull", "critical", 0.891),
          new RecoveryScenario(
              "disk_full/partial",
              "disk_partial",
              Map.of("used_percent", 90),
              "MiniminimoonDiskAlmostFull",
              "warning",
              0.891),
          new RecoveryScenario(
              "cpu_throttling/full",
              "cpu_throttling",
              Map.of(),
              "MiniminimoonCpuSaturated",
              "critical",
              0.777),
          new RecoveryScenario(
              "cpu_throttling/partial",
              "cpu_partial",
              Map.of(),
              "MiniminimoonCpuHigh",
              "warning",
              0.777));
}
