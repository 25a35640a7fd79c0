package dev.runbooks.activities;

import dev.runbooks.language.targets.TargetPolicy;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one step may act, and the one place executors resolve host names. {@link #resolve} resolves
 * a host once, checks every address it resolves to against the {@link TargetPolicy}, and returns
 * the address the caller must connect to: executors connect to that {@link InetAddress} (never to
 * the name again), so DNS cannot answer one address to the check and another to the connection.
 *
 * <p>When any resolved address is refused the destination is refused, even if others would pass: a
 * name that resolves to a cloud-metadata address among others is not one to call.
 */
public final class Destinations {
  private static final Destinations OPEN = new Destinations(TargetPolicy.defaults(), false);

  /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  public interface Resolver {
    /** Every address of a host name or literal. */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final TargetPolicy policy;
  private final boolean hostFromAlert;
  private final Resolver resolver;

  /**
   * Destinations of one step.
   *
   * @param policy the worker's lists with the runbook's targets
   * @param hostFromAlert whether the step's hosts came from the alert that started the run
   */
  public Destinations(TargetPolicy policy, boolean hostFromAlert) {
    this(policy, hostFromAlert, InetAddress::getAllByName);
  }

  /**
   * Destinations of one step with another resolver (tests use one whose answers change from call to
   * call, as a rebinding DNS server's do).
   */
  public Destinations(TargetPolicy policy, boolean hostFromAlert, Resolver resolver) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.hostFromAlert = hostFromAlert;
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** No lists, hosts not from alert data: only the addresses denied by default are refused. */
  public static Destinations open() {
    return OPEN;
  }

  /**
   * Resolves a destination's host, checks every address and returns the one to connect to.
   *
   * @param host the host name or address literal (IPv6 with or without brackets)
   * @param port the port that will be connected to
   * @param url the URL, or null for a bare host and port
   * @param workerConfigured whether the worker's configuration chose this destination (a named
   *     escalation route): the runbook's targets do not apply to it, the worker's lists do
   * @param what how failures name the request, such as {@code GET http://host/path}
   * @throws UnknownHostException when the name does not resolve
   * @throws ApplicationFailure of type {@link StepFailures#TARGET_DENIED}, not retryable, when the
   *     destination is refused
   */
  public InetAddress resolve(String host, int port, URI url, boolean workerConfigured, String what)
      throws UnknownHostException {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    InetAddress[] addresses = resolver.resolve(h);
    if (addresses.length == 0) {
      throw new UnknownHostException(h);
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal =
          policy.refusal(
              new TargetPolicy.Destination(h, port, url, address, hostFromAlert, workerConfigured));
      if (refusal.isPresent()) {
        throw ApplicationFailure.newNonRetryableFailure(
            what + ": refused: " + refusal.get(), StepFailures.TARGET_DENIED);
      }
    }
    return addresses[0];
  }
}
