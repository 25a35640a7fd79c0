package dev.runbooks.starter.intake.internal;

import dev.runbooks.starter.intake.IntakeProperties.Auth;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook request against its source's authentication: none, a bearer token, basic auth,
 * or a Standard Webhooks HMAC-SHA256 signature over {@code id.timestamp.body}. Every comparison of
 * secrets is constant-time; no secret is ever logged or echoed.
 */
final class SourceAuthenticator {
  static final String NONE = "none";
  static final String UNCONFIGURED = "unconfigured";
  static final String BEARER = "bearer";
  static final String BASIC = "basic";
  static final String HMAC = "hmac";

  private final String source;
  private final Auth auth;
  private final Duration tolerance;

  SourceAuthenticator(String source, Auth auth, Duration tolerance) {
    this.source = source;
    this.auth = auth;
    this.tolerance = tolerance;
    String type = type();
    boolean configured =
        switch (type) {
          case NONE, UNCONFIGURED -> true;
          case BEARER -> auth.token() != null || auth.tokenFile() != null;
          case BASIC ->
              auth.username() != null && (auth.password() != null || auth.passwordFile() != null);
          case HMAC -> auth.secret() != null || auth.secretFile() != null;
          default ->
              throw new IllegalArgumentException(
                  "runbook.intake.sources."
                      + source
                      + ".auth.type: unknown type '"
                      + auth.type()
                      + "' (none, bearer, basic or hmac)");
        };
    if (!configured) {
      throw new IllegalArgumentException(
          "runbook.intake.sources." + source + ".auth: type " + type + " needs its secret");
    }
  }

  String type() {
    return auth.type() == null ? NONE : auth.type().toLowerCase(Locale.ROOT);
  }

  /** Checks what can be checked before the body is read: bearer and basic credentials. */
  void checkHeaders(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    switch (type()) {
      case UNCONFIGURED ->
          throw WebhookException.unauthorized(
              "source '"
                  + source
                  + "' has no authentication configured: set runbook.intake.sources."
                  + source
                  + ".auth (bearer, basic or hmac), or runbook.intake.allow-unauthenticated=true"
                  + " for local development",
              "Bearer");
      case BEARER -> {
        String token = secret(auth.token(), auth.tokenFile(), "token");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
          throw WebhookException.unauthorized("a bearer token is required", "Bearer");
        }
        if (!same(header.substring(7).trim(), token)) {
          throw WebhookException.unauthorized("the bearer token is wrong", "Bearer");
        }
      }
      case BASIC -> {
        String password = secret(auth.password(), auth.passwordFile(), "password");
        String challenge = "Basic realm=\"runbook webhooks\"";
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
          throw WebhookException.unauthorized("basic credentials are required", challenge);
        }
        String decoded;
        try {
          decoded =
              new String(
                  Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw WebhookException.unauthorized("the basic credentials are not base64", challenge);
        }
        int colon = decoded.indexOf(':');
        boolean userOk = colon >= 0 && same(decoded.substring(0, colon), auth.username());
        boolean passwordOk = colon >= 0 && same(decoded.substring(colon + 1), password);
        if (!(userOk & passwordOk)) {
          throw WebhookException.unauthorized("the basic credentials are wrong", challenge);
        }
      }
      default -> {}
    }
  }

  /**
   * Checks a Standard Webhooks signature over the raw body and returns the delivery id ({@code
   * webhook-id}), or null for other types.
   */
  String checkSignature(HttpServletRequest request, byte[] body, Instant now) {
    if (!HMAC.equals(type())) {
      return null;
    }
    String id = request.getHeader("webhook-id");
    String timestamp = request.getHeader("webhook-timestamp");
    String signatures = request.getHeader("webhook-signature");
    if (id == null || id.isBlank() || timestamp == null || signatures == null) {
      throw WebhookException.unauthorized(
          "webhook-id, webhook-timestamp and webhook-signature are required", null);
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw WebhookException.unauthorized("webhook-timestamp is not a number of seconds", null);
    }
    long distance;
    try {
      distance = Math.absExact(Math.subtractExact(now.getEpochSecond(), seconds));
    } catch (ArithmeticException e) {
      distance = Long.MAX_VALUE; // Math.abs(now - seconds) overflowed and passed the check
    }
    if (distance > tolerance.toSeconds()) {
      throw WebhookException.unauthorized(
          "webhook-timestamp is more than " + tolerance.toSeconds() + "s away from now", null);
    }
    byte[] expected = sign(key(), id, timestamp.trim(), body);
    boolean match = false;
    for (String candidate : signatures.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      match |= MessageDigest.isEqual(expected, given);
    }
    if (!match) {
      throw WebhookException.unauthorized("no webhook-signature matches", null);
    }
    return id;
  }

  /** The HMAC-SHA256 of {@code id.timestamp.body} under the key. */
  static byte[] sign(byte[] key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] key() {
    String secret = secret(auth.secret(), auth.secretFile(), "secret");
    String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "runbook.intake.sources." + source + ".auth.secret is not whsec_<base64>");
    }
    if (key.length == 0) {
      // HMAC refuses an empty key (IllegalArgumentException: Empty key)
      throw new IllegalStateException(
          "runbook.intake.sources." + source + ".auth.secret is empty; set whsec_<base64>");
    }
    return key;
  }

  private String secret(String value, Path file, String what) {
    if (value != null) {
      return value;
    }
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw WebhookException.unavailable(
          "the " + what + " file of source '" + source + "' cannot be read");
    }
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
