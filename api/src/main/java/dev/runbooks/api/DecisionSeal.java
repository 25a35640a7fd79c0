package dev.runbooks.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The engine's seal on a decision: an HMAC-SHA256, keyed by {@code runbook.security.decision-key},
 * over the workflow id, the action and every field of the payload but the seal. The engine seals a
 * decision after it checked the caller; the run verifies the seal, so that a decision sent to
 * Temporal directly cannot pass for one the engine checked. Pure and deterministic: the same key
 * and fields give the same seal.
 */
public final class DecisionSeal {
  /** The shortest key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** A seal with this key; at least {@link #MIN_KEY_BYTES} bytes. */
  public DecisionSeal(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the decision key must have at least "
              + MIN_KEY_BYTES
              + " bytes, it has "
              + (key == null ? 0 : key.length));
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** A seal with a base64 key (standard or URL-safe alphabet). */
  public static DecisionSeal fromBase64(String base64) {
    String trimmed = base64 == null ? "" : base64.trim();
    byte[] bytes;
    try {
      bytes =
          trimmed.contains("-") || trimmed.contains("_")
              ? Base64.getUrlDecoder().decode(trimmed)
              : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the decision key is not base64: " + e.getMessage(), e);
    }
    return new DecisionSeal(bytes);
  }

  /** The request sealed for {@code action} on the run {@code workflowId}. */
  public DecisionRequest seal(String workflowId, DecisionAction action, DecisionRequest request) {
    return request.withSeal(compute(workflowId, action, request));
  }

  /** Whether the request carries this key's seal for {@code action} on {@code workflowId}. */
  public boolean verify(String workflowId, DecisionAction action, DecisionRequest request) {
    if (request.seal() == null) {
      return false;
    }
    byte[] expected = compute(workflowId, action, request).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, request.seal().getBytes(StandardCharsets.UTF_8));
  }

  private String compute(String workflowId, DecisionAction action, DecisionRequest r) {
    StringBuilder text = new StringBuilder("runbook-decision-v1");
    field(text, workflowId);
    field(text, action.wire());
    field(text, r.name());
    field(text, String.valueOf(r.groups().size()));
    r.groups().forEach(g -> field(text, g));
    field(text, r.channel().wire());
    field(text, r.comment());
    field(text, r.step());
    field(text, r.reason());
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] sum = mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Appends a field, length-prefixed so that no two field lists give the same text. */
  private static void field(StringBuilder text, String value) {
    if (value == null) {
      text.append("|-");
    } else {
      text.append('|').append(value.length()).append(':').append(value);
    }
  }
}
