package dev.runbooks.worker;

import java.time.Instant;

/**
 * The texts {@link RealAlertmanagerTest} works with: the runbook its alert starts, the Alertmanager
 * configuration pointing at the application, and the alerts posted to Alertmanager.
 */
final class TestRunbook {
  /**
   * A runbook started by the test alert that waits, probing a check that never passes, until the
   * alert resolves (or an hour passes), then succeeds.
   */
  static final String YAML =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: disk-pressure
        title: Waits until the real Alertmanager resolves the alert
      inputs:
        host:
          type: string
          required: true
      triggers:
        - source: alertmanager
          alertname: RealAlertmanagerDiskPressure
          labels:
            service: storage
            severity: {in: [warning, critical]}
          inputs:
            host: ${{ alert.labels.instance }}
          onResolved: signal
      steps:
        - id: wait_resolved
          waitUntil:
            probe:
              command:
                argv: ["false"]
                expectExitCodes: [0, 1]
            condition: result.exitCode == 0
            interval: 5s
            deadline: 1h
            untilResolved: true
        - id: done
          succeed: disk pressure on ${{ inputs.host }} is over
      """;

  private TestRunbook() {}

  /**
   * An {@code alertmanager.yml} that sends every alert, one second after it arrives, to the
   * application's webhook and to the capture server, both with the bearer token, resolves included.
   */
  static String alertmanagerConfig(String webhook, String capture, String token) {
    return """
        route:
          receiver: runbooks
          group_by: [alertname, instance]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: runbooks
            webhook_configs:
              - url: %1$s
                send_resolved: true
                http_config:
                  authorization: {type: Bearer, credentials: %3$s}
              - url: %2$s
                send_resolved: true
                http_config:
                  authorization: {type: Bearer, credentials: %3$s}
        """
        .formatted(webhook, capture, token);
  }

  /**
   * The test alert as Prometheus posts it to {@code POST /api/v2/alerts}: firing when {@code
   * endsAt} is null, resolved when it is now.
   */
  static String alerts(Instant startsAt, Instant endsAt) {
    return """
        [{"labels": {"alertname": "RealAlertmanagerDiskPressure", "service": "storage",
                     "severity": "warning", "instance": "db-1:9100", "job": "node"},
          "annotations": {"summary": "Disk on db-1:9100 is 93%% full",
                          "runbook_url": "http://runbooks.example/disk-pressure"},
          "startsAt": "%s",%s
          "generatorURL": "http://prometheus.example:9090/graph?g0.expr=disk_used_ratio+%%3E+0.9"}]
        """
        .formatted(startsAt, endsAt == null ? "" : " \"endsAt\": \"" + endsAt + "\",");
  }
}
