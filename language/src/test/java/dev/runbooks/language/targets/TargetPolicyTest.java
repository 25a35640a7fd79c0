package dev.runbooks.language.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  private static TargetPolicy.Destination url(String url, String ip, boolean fromAlert)
      throws Exception {
    URI u = URI.create(url);
    return new TargetPolicy.Destination(
        u.getHost(), TargetRule.effectivePort(u), u, ip(ip), fromAlert, false);
  }

  @Test
  void metadataAndLinkLocalAreDeniedByDefaultAndAllowedOnlyExplicitly() throws Exception {
    TargetPolicy none = TargetPolicy.defaults();

    assertThat(
            none.refusal(url("http://169.254.169.254/latest/meta-data/", "169.254.169.254", false)))
        .contains(
            "169.254.169.254 is a cloud metadata address, denied unless allowed explicitly"
                + " (targets or runbook.targets.allow)");
    assertThat(none.refusal(url("http://metadata.google.internal/", "10.1.2.3", false)))
        .contains(
            "metadata.google.internal (10.1.2.3) is a cloud metadata address, denied unless"
                + " allowed explicitly (targets or runbook.targets.allow)");
    assertThat(none.refusal(url("http://[fd00:ec2::254]/", "fd00:ec2::254", false))).isPresent();
    assertThat(none.refusal(url("http://100.100.100.200/", "100.100.100.200", false))).isPresent();
    assertThat(none.refusal(url("http://printer.local/", "169.254.10.20", false)))
        .contains(
            "printer.local (169.254.10.20) is a link-local address, denied unless allowed"
                + " explicitly (targets or runbook.targets.allow)");

    TargetPolicy wildcard = TargetPolicy.of(List.of(), List.of(), List.of("*", "0.0.0.0/0"));
    assertThat(wildcard.refusal(url("http://169.254.169.254/", "169.254.169.254", false)))
        .isPresent();
    TargetPolicy explicit = TargetPolicy.of(List.of(), List.of(), List.of("169.254.0.0/16"));
    assertThat(explicit.refusal(url("http://169.254.10.20/", "169.254.10.20", false))).isEmpty();
  }

  @Test
  void loopbackIsDeniedOnlyWhenTheHostCameFromAnAlert() throws Exception {
    TargetPolicy none = TargetPolicy.defaults();

    assertThat(none.refusal(url("http://127.0.0.1:8080/", "127.0.0.1", false))).isEmpty();
    assertThat(none.refusal(url("http://localhost:8080/", "127.0.0.1", true)))
        .contains(
            "localhost (127.0.0.1) is a loopback address and the host came from alert data,"
                + " denied unless allowed explicitly (targets or runbook.targets.allow)");
    assertThat(
            TargetPolicy.of(List.of("127.0.0.1"), List.of(), null)
                .refusal(url("http://localhost:8080/", "127.0.0.1", true)))
        .isEmpty();
  }

  @Test
  void runbookTargetsWorkerAllowAndDeny() throws Exception {
    TargetPolicy p =
        TargetPolicy.of(
            List.of("10.0.0.0/8", "https://hooks.slack.com/services/"),
            List.of("10.9.0.0/16"),
            List.of("*.jarvis.internal:8742", "https://hooks.slack.com/services/"));

    assertThat(p.refusal(url("http://a.jarvis.internal:8742/x", "10.1.1.1", true))).isEmpty();
    assertThat(p.refusal(url("http://a.b.jarvis.internal:8742/x", "10.1.1.1", true))).isEmpty();
    assertThat(p.refusal(url("http://a.jarvis.internal:9000/x", "10.1.1.1", true)))
        .contains(
            "a.jarvis.internal (10.1.1.1) is not in the runbook's targets"
                + " [*.jarvis.internal:8742, https://hooks.slack.com/services/]");
    assertThat(p.refusal(url("http://a.jarvis.internal:8742/x", "10.9.1.1", true)))
        .contains("a.jarvis.internal (10.9.1.1) is denied by runbook.targets.deny '10.9.0.0/16'");
    assertThat(p.refusal(url("http://a.jarvis.internal:8742/x", "192.168.1.1", true)))
        .contains(
            "a.jarvis.internal (192.168.1.1) is not in runbook.targets.allow"
                + " [10.0.0.0/8, https://hooks.slack.com/services/]");
    assertThat(p.refusal(url("https://hooks.slack.com/services/T1/B2", "52.1.1.1", false)))
        .isEmpty();
    assertThat(p.refusal(url("https://hooks.slack.com/services/../admin", "52.1.1.1", false)))
        .isPresent();
    assertThat(p.refusal(url("https://hooks.slack.com.evil.io/services/x", "52.1.1.1", false)))
        .isPresent();
  }

  @Test
  void workerConfiguredDestinationsSkipTheRunbookTargets() throws Exception {
    TargetPolicy p = TargetPolicy.of(List.of(), List.of(), List.of("*.jarvis.internal"));
    URI u = URI.create("https://events.pagerduty.com/v2/enqueue");
    var route = new TargetPolicy.Destination(u.getHost(), 443, u, ip("52.2.2.2"), false, true);

    assertThat(p.refusal(route)).isEmpty();
  }

  @Test
  void rulesParseWithoutDns() {
    assertThat(TargetRule.parse("fd00::/8")).isInstanceOf(TargetRule.Cidr.class);
    assertThat(TargetRule.parse("127.0.0.1")).isInstanceOf(TargetRule.Cidr.class);
    assertThat(TargetRule.parse("does-not-exist.invalid"))
        .isInstanceOf(TargetRule.HostPattern.class);
    assertThatThrownBy(() -> TargetPolicy.of(List.of("10.0.0.1/8"), List.of(), null))
        .hasMessage(
            "runbook.targets.allow: '10.0.0.1/8' has host bits set: the network is 10.0.0.0/8");
  }
}
