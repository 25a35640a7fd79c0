package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.starter.inbox.internal.InboxRow;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The span {@code dispatch} of one inbox row: the row's id, source and status, a hash of the
 * alert's fingerprint, and once dispatched the row's state and the runbooks it was routed to. No
 * labels, annotations or other alert values: they may hold anything the sender put there.
 */
final class DispatchSpan {
  static final String NAME = "dispatch";
  static final AttributeKey<Long> INBOX_ID = AttributeKey.longKey("runbook.inbox.id");
  static final AttributeKey<String> SOURCE = AttributeKey.stringKey("runbook.alert.source");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("runbook.alert.status");
  static final AttributeKey<String> FINGERPRINT =
      AttributeKey.stringKey("runbook.alert.fingerprint_hash");
  static final AttributeKey<String> STATE = AttributeKey.stringKey("runbook.inbox.state");
  static final AttributeKey<List<String>> RUNBOOKS = AttributeKey.stringArrayKey("runbook.names");

  private DispatchSpan() {}

  static Attributes attributes(InboxRow row) {
    return Attributes.of(
        INBOX_ID,
        row.id(),
        SOURCE,
        row.source(),
        STATUS,
        row.alert().status(),
        FINGERPRINT,
        hash(row.alert().fingerprint()));
  }

  static RowDispatch.Outcome outcome(Span span, RowDispatch.Outcome outcome) {
    span.setAttribute(STATE, outcome.state());
    span.setAttribute(
        RUNBOOKS,
        outcome.routes().stream()
            .map(r -> r.get("runbook"))
            .filter(Objects::nonNull)
            .map(Object::toString)
            .distinct()
            .toList());
    return outcome;
  }

  /** The first 16 hex digits of the SHA-256 of a fingerprint: matchable, not reversible. */
  static String hash(String fingerprint) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.valueOf(fingerprint).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
