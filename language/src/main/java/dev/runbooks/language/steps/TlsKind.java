package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.types.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code tls} step: connects to a host, completes a TLS handshake and reports the certificate
 * chain the server presents, the days until the leaf certificate expires, whether the chain is
 * trusted by the worker's trust store and whether the certificate matches the host name. It only
 * reads: a certificate that is expired, untrusted or for another name is a result, not a failure,
 * so that a runbook can decide what to do about it.
 */
public final class TlsKind implements ActionKind {
  @Override
  public String name() {
    return "tls";
  }

  @Override
  public String description() {
    return "Reads a server's TLS certificate chain: expiry, trust and host name verification.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/tls.schema.json";
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    return TcpKind.checkPortAndTimeout(config, path, locate);
  }

  /** A handshake only reads. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    return false;
  }

  /** A handshake is a read-only probe: it may run as a local activity. */
  @Override
  public boolean runsLocally(Map<String, Object> renderedConfig) {
    return true;
  }

  @Override
  public Set<String> hostFields() {
    return Set.of("host");
  }

  /** The host and port connected to, such as {@code api.example.com:443}. */
  @Override
  public Optional<String> target(Map<String, Object> renderedConfig) {
    Object port = renderedConfig.get("port");
    return TargetFields.text(renderedConfig.get("host"))
        .map(host -> host + ":" + (port == null ? "443" : String.valueOf(port)));
  }

  @Override
  public ValueType resultType(Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.TLS;
  }
}
