package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.language.targets.TargetPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code runbook.targets.allow} / {@code deny} bind from configuration into the worker's policy.
 */
class TargetsPropertiesTest {
  private static TargetsProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("runbook.targets", TargetsProperties.class);
  }

  @Test
  void listsBindAndBecomeThePolicy() throws Exception {
    TargetsProperties targets =
        bind(
            Map.of(
                "runbook.targets.allow[0]", "10.0.0.0/8",
                "runbook.targets.allow[1]", "*.svc.cluster.local",
                "runbook.targets.deny", "10.99.0.0/16"));

    assertThat(targets.allow()).containsExactly("10.0.0.0/8", "*.svc.cluster.local");
    assertThat(targets.deny()).containsExactly("10.99.0.0/16");
    TargetPolicy policy = targets.policy();
    URI url = URI.create("http://db.internal:5432/");
    assertThat(
            policy.refusal(
                new TargetPolicy.Destination(
                    "db.internal", 5432, url, InetAddress.getByName("10.99.1.1"), false, false)))
        .contains("db.internal (10.99.1.1) is denied by runbook.targets.deny '10.99.0.0/16'");
    assertThat(
            policy.refusal(
                new TargetPolicy.Destination(
                    "db.internal", 5432, url, InetAddress.getByName("10.1.1.1"), false, false)))
        .isEmpty();
  }

  @Test
  void noConfigurationMeansNoListsAndABadRuleStopsTheWorker() {
    assertThat(bind(Map.of()).allow()).isEmpty();
    assertThatThrownBy(() -> bind(Map.of("runbook.targets.deny[0]", "10.0.0.1/8")).policy())
        .hasMessage(
            "runbook.targets.deny: '10.0.0.1/8' has host bits set: the network is 10.0.0.0/8");
  }
}
