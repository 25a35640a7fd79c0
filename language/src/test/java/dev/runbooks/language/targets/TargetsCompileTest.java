package dev.runbooks.language.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code targets:} in the compiler: located errors for bad rules, the alert-host warning. */
class TargetsCompileTest {
  private static final String ALERT_BASE =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: probe-instance}
      inputs:
        base_url: {type: string, default: "http://localhost:8080"}
        circuit: {type: string, default: model}
      triggers:
        - alertname: Down
          inputs:
            base_url: http://${{ alert.labels.instance }}
            circuit: ${{ alert.labels.circuit }}
      %s
      steps:
        - id: health
          http:
            url: ${{ inputs.base_url }}/health
        - id: reset
          http:
            url: http://svc.internal/circuits/${{ inputs.circuit }}/reset
        - id: port
          tcp: {host: "${{ alert.labels.host }}", port: 5432}
      """;

  private static Compilation compile(String targets) {
    return RunbookCompiler.standard().compile(ALERT_BASE.formatted(targets), "probe.yaml");
  }

  @Test
  void aHostFromAlertDataWithoutTargetsIsAWarningAtTheField() {
    Compilation c = compile("");

    assertThat(c.ok()).isTrue();
    assertThat(c.warnings())
        .extracting(Problem::toString)
        .containsExactly(
            "probe.yaml:16:12: steps[0].http.url: the host comes from alert data (inputs.base_url)"
                + " and the runbook has no targets: the alert chooses which host the worker calls;"
                + " add targets: with the hosts, networks or URL prefixes it may act on",
            "probe.yaml:21:17: steps[2].tcp.host: the host comes from alert data (alert) and the"
                + " runbook has no targets: the alert chooses which host the worker calls; add"
                + " targets: with the hosts, networks or URL prefixes it may act on");
  }

  @Test
  void aLongStringLiteralInAUrlTemplateIsScannedWithoutRecursion() {
    // the alert-host analysis once blanked literals with a regex that recursed per character
    String literal = "x".repeat(20_000);
    String source =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: long-literal}
        steps:
          - id: probe
            http:
              url: http://${{ alert.labels.instance + '%s' }}/health
        """
            .formatted(literal);

    Compilation c = RunbookCompiler.standard().compile(source, "long.yaml");

    assertThat(c.ok()).isTrue();
    assertThat(c.warnings())
        .extracting(Problem::message)
        .containsExactly(
            "the host comes from alert data (alert) and the runbook has no targets: the alert"
                + " chooses which host the worker calls; add targets: with the hosts, networks or"
                + " URL prefixes it may act on");
  }

  @Test
  void targetsSilenceTheWarningAndAreKept() {
    Compilation c = compile("targets: [\"*.jarvis.internal\", 10.0.0.0/8, \"https://x.io/a/\"]");

    assertThat(c.problems()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    assertThat(c.runbook().definition().targets())
        .containsExactly("*.jarvis.internal", "10.0.0.0/8", "https://x.io/a/");
  }

  @Test
  void badRulesAreReportedAtTheirOwnLines() {
    Compilation c =
        compile(
            """
            targets:
              - 10.0.0.1/8
              - 10.0.0.0/33
              - 300.1.2.3/8
              - jarvis..internal
              - "host:99999"
              - ftp://files.internal/
              - "https://${{ alert.labels.instance }}/"
              - under_score.internal
            """);

    assertThat(c.ok()).isFalse();
    assertThat(c.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "probe.yaml:13:5: targets[0]: '10.0.0.1/8' has host bits set: the network is"
                + " 10.0.0.0/8",
            "probe.yaml:14:5: targets[1]: '10.0.0.0/33': the prefix length must be a number from"
                + " 0 to 32, not '33'",
            "probe.yaml:15:5: targets[2]: '300.1.2.3/8' is not a CIDR: '300.1.2.3' is not an IPv4"
                + " or IPv6 address",
            "probe.yaml:16:5: targets[3]: 'jarvis..internal' has an empty label (two dots in a"
                + " row)",
            "probe.yaml:17:5: targets[4]: 'host:99999': the port must be a number from 1 to"
                + " 65535, not '99999'",
            "probe.yaml:18:5: targets[5]: 'ftp://files.internal/': a URL prefix must start with"
                + " http:// or https://",
            "probe.yaml:19:5: targets[6]: 'https://${{ alert.labels.instance }}/' holds a"
                + " template: targets are written out, so alert data cannot choose them",
            "probe.yaml:20:5: targets[7]: 'under_score.internal' is not a host pattern: labels"
                + " hold letters, digits, '-' and '*' ('under_score')");
  }

  @Test
  void anEmptyTargetsListIsASchemaError() {
    Compilation c = compile("targets: []");

    assertThat(c.ok()).isFalse();
    assertThat(c.problems()).extracting(Problem::path).contains("targets");
  }

  @Test
  void noShippedRunbookWarns() {
    RunbookCatalog catalog = RunbookCatalog.load(Path.of("../runbooks-yaml"));

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.warnings()).extracting(Problem::toString).isEmpty();
  }
}
