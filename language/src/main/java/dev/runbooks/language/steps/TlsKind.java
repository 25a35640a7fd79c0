package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.types.ValueType;
import dev.runbooks.language.types.ValueType.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    List<Problem> problems = new ArrayList<>();
    if (config.get("port") instanceof String port && !port.contains("${{")) {
      String at = path + ".port";
      problems.add(
          new Problem(
              locate.apply(at),
              at,
              "port must be a number from 1 to 65535 or a ${{ }} template, not '" + port + "'"));
    }
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    return problems;
  }

  /** A handshake only reads. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    return false;
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
    ValueType string = ValueType.STRING;
    ValueType integer = ValueType.INT;
    ValueType bool = ValueType.BOOL;
    Map<String, Field> cert = new LinkedHashMap<>();
    cert.put("subject", new Field(string, "The subject's distinguished name.", false));
    cert.put("issuer", new Field(string, "The issuer's distinguished name.", false));
    cert.put("serial", new Field(string, "The serial number in hex.", false));
    cert.put("notBefore", new Field(string, "Valid from (RFC 3339).", false));
    cert.put("notAfter", new Field(string, "Valid until (RFC 3339).", false));
    cert.put(
        "daysToExpiry",
        new Field(integer, "Whole days until notAfter; negative once expired.", false));
    Map<String, Field> fields = new LinkedHashMap<>();
    fields.put("host", new Field(string, "The host connected to.", false));
    fields.put("port", new Field(integer, "The port connected to.", false));
    fields.put("serverName", new Field(string, "The name sent as SNI and verified.", false));
    fields.put("protocol", new Field(string, "The negotiated protocol, such as TLSv1.3.", false));
    fields.put("cipherSuite", new Field(string, "The negotiated cipher suite.", false));
    fields.put("subject", new Field(string, "The leaf certificate's subject.", false));
    fields.put("issuer", new Field(string, "The leaf certificate's issuer.", false));
    fields.put(
        "notAfter", new Field(string, "When the leaf certificate expires (RFC 3339).", false));
    fields.put(
        "daysToExpiry",
        new Field(integer, "Whole days until the leaf expires; negative once expired.", false));
    fields.put("expired", new Field(bool, "Whether the leaf certificate has expired.", false));
    fields.put(
        "names",
        new Field(
            new ValueType.ListOf(string),
            "The leaf's DNS and IP subject alternative names.",
            false));
    fields.put(
        "hostnameMatches", new Field(bool, "Whether the leaf is valid for serverName.", false));
    fields.put(
        "trusted", new Field(bool, "Whether the worker's trust store trusts the chain.", false));
    fields.put(
        "trustError", new Field(string, "Why the chain is not trusted; null when it is.", true));
    fields.put(
        "chain",
        new Field(
            new ValueType.ListOf(new ValueType.ObjectOf(cert, false)),
            "Every certificate presented, leaf first.",
            false));
    fields.put(
        "durationMs", new Field(integer, "How long connecting and the handshake took.", false));
    return new ValueType.ObjectOf(fields, false);
  }
}
