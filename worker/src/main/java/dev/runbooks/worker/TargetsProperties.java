package dev.runbooks.worker;

import dev.runbooks.language.targets.TargetPolicy;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where every runbook this worker runs may act ({@code runbook.targets.*}), on top of each
 * runbook's own {@code targets:}. Rules are host patterns ({@code *.svc.cluster.local}, {@code
 * prometheus:9090}), CIDRs or addresses ({@code 10.0.0.0/8}, {@code 127.0.0.1}) and URL prefixes
 * ({@code https://events.pagerduty.com/}), as in {@code targets:}.
 *
 * @param allow when not empty, every destination of every step (named escalation routes included)
 *     must match one of these; an explicit entry (no wildcard) also allows a link-local, metadata
 *     or loopback-from-alert address
 * @param deny destinations that are always refused, whatever the runbook says
 */
@Validated
@ConfigurationProperties("runbook.targets")
public record TargetsProperties(List<String> allow, List<String> deny) {
  public TargetsProperties {
    allow = allow == null ? List.of() : List.copyOf(allow);
    deny = deny == null ? List.of() : List.copyOf(deny);
  }

  /**
   * The worker's policy.
   *
   * @throws IllegalArgumentException naming the first rule that does not parse, so that a bad
   *     configuration stops the worker at startup
   */
  public TargetPolicy policy() {
    return TargetPolicy.of(allow, deny, null);
  }
}
