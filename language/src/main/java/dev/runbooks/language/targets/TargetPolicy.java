package dev.runbooks.language.targets;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a runbook may act: the worker's {@code runbook.targets.allow} and {@code deny}, the
 * runbook's own {@code targets:}, and the addresses denied unless allowed explicitly. Pure: the
 * caller resolves the host and asks once per resolved address, then connects to an address it asked
 * about.
 *
 * <p>A destination is refused, in this order, when
 *
 * <ol>
 *   <li>a worker {@code deny} rule covers it;
 *   <li>its address is link-local ({@code 169.254.0.0/16}, {@code fe80::/10}), a cloud metadata
 *       endpoint ({@code 169.254.169.254}, {@code fd00:ec2::254}, {@code 100.100.100.200}, the host
 *       {@code metadata.google.internal}), or loopback / the unspecified address while its host
 *       came from alert data, and no {@linkplain TargetRule#explicit() explicit} rule of the
 *       runbook's targets or the worker's allow list covers it;
 *   <li>the runbook declares {@code targets:} and none covers it (destinations the worker
 *       configures itself, such as named escalation routes, skip this one);
 *   <li>the worker's allow list is not empty and none of it covers it.
 * </ol>
 */
public final class TargetPolicy {
  private static final Set<String> METADATA_HOSTS =
      Set.of("metadata.google.internal", "metadata.goog");
  private static final List<InetAddress> METADATA_ADDRESSES =
      List.of(address("169.254.169.254"), address("fd00:ec2::254"), address("100.100.100.200"));

  private static final TargetPolicy DEFAULT = new TargetPolicy(List.of(), List.of(), null);

  private final List<TargetRule> allow;
  private final List<TargetRule> deny;
  private final List<TargetRule> targets;

  private TargetPolicy(List<TargetRule> allow, List<TargetRule> deny, List<TargetRule> targets) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
    this.targets = targets == null ? null : List.copyOf(targets);
  }

  /** No lists: only the addresses denied by default are refused. */
  public static TargetPolicy defaults() {
    return DEFAULT;
  }

  /**
   * A policy.
   *
   * @param allow the worker's allow rules (empty: no worker-wide bound)
   * @param deny the worker's deny rules
   * @param targets the runbook's {@code targets:}, or null when it declares none
   * @throws IllegalArgumentException naming the first rule that does not parse
   */
  public static TargetPolicy of(List<String> allow, List<String> deny, List<String> targets) {
    return new TargetPolicy(
        parse(allow, "runbook.targets.allow"),
        parse(deny, "runbook.targets.deny"),
        targets == null ? null : parse(targets, "targets"));
  }

  /** The same worker lists with a runbook's {@code targets:} (null: none). */
  public TargetPolicy withTargets(List<String> runbookTargets) {
    return new TargetPolicy(
        allow, deny, runbookTargets == null ? null : parse(runbookTargets, "targets"));
  }

  private static List<TargetRule> parse(List<String> texts, String where) {
    List<TargetRule> out = new ArrayList<>();
    if (texts == null) {
      return out;
    }
    for (String t : texts) {
      try {
        out.add(TargetRule.parse(t));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * A destination to check.
   *
   * @param host the host as written in the URL or config (any case, IPv6 with or without brackets)
   * @param port the port connected to
   * @param url the URL, or null for a bare host and port
   * @param address one resolved address of the host
   * @param hostFromAlert whether the host came from alert data
   * @param workerConfigured whether the worker's configuration chose the destination (a named
   *     escalation route), so the runbook's targets do not apply
   */
  public record Destination(
      String host,
      int port,
      URI url,
      InetAddress address,
      boolean hostFromAlert,
      boolean workerConfigured) {}

  /**
   * Why a destination is refused, or empty when it is allowed.
   *
   * @return a message such as {@code 169.254.169.254 is a cloud metadata address, denied unless
   *     allowed explicitly (targets or runbook.targets.allow)}
   */
  public Optional<String> refusal(Destination d) {
    String host = normalize(d.host());
    String where = describe(host, d.address());
    for (TargetRule rule : deny) {
      if (rule.matches(host, d.port(), d.url(), d.address())) {
        return Optional.of(where + " is denied by runbook.targets.deny '" + rule.text() + "'");
      }
    }
    String sensitive = sensitive(host, d.address(), d.hostFromAlert());
    if (sensitive != null && !explicitlyAllowed(host, d)) {
      return Optional.of(
          where
              + " is "
              + sensitive
              + ", denied unless allowed explicitly (targets or runbook.targets.allow)");
    }
    if (targets != null && !d.workerConfigured() && !covered(targets, host, d)) {
      return Optional.of(where + " is not in the runbook's targets " + texts(targets));
    }
    if (!allow.isEmpty() && !covered(allow, host, d)) {
      return Optional.of(where + " is not in runbook.targets.allow " + texts(allow));
    }
    return Optional.empty();
  }

  private boolean explicitlyAllowed(String host, Destination d) {
    List<TargetRule> candidates = new ArrayList<>(allow);
    if (targets != null && !d.workerConfigured()) {
      candidates.addAll(targets);
    }
    return candidates.stream()
        .anyMatch(r -> r.explicit() && r.matches(host, d.port(), d.url(), d.address()));
  }

  private static boolean covered(List<TargetRule> rules, String host, Destination d) {
    return rules.stream().anyMatch(r -> r.matches(host, d.port(), d.url(), d.address()));
  }

  /** What is special about an address or host, or null when nothing is. */
  static String sensitive(String host, InetAddress address, boolean fromAlert) {
    if (METADATA_HOSTS.contains(host) || METADATA_ADDRESSES.contains(address)) {
      return "a cloud metadata address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (fromAlert && (address.isLoopbackAddress() || address.isAnyLocalAddress())) {
      return "a loopback address and the host came from alert data";
    }
    return null;
  }

  private static String describe(String host, InetAddress address) {
    String a = address.getHostAddress();
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    return host.equalsIgnoreCase(a) || host.equals("[" + a + "]") ? a : host + " (" + a + ")";
  }

  private static String normalize(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static List<String> texts(List<TargetRule> rules) {
    return rules.stream().map(TargetRule::text).toList();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
