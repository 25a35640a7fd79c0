package dev.runbooks.starter.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.runbooks.starter.intake.IntakeProperties.Auth;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Fuzzes the Standard Webhooks verifier ({@link SourceAuthenticator#checkSignature}) with a fuzzed
 * secret, id, timestamp, body, signature header, clock and tolerance. The properties: it returns
 * the id or refuses with a 401 {@link WebhookException} (a 400 for an id too long or with control
 * characters), never anything else; a timestamp further from now than the tolerance is always
 * refused; and a {@code v1} signature computed (here, independently) with the right secret over
 * {@code id.timestamp.body} always verifies inside the window, also among other signatures in the
 * header.
 *
 * <p>Regression inputs: {@code
 * src/test/resources/dev/runbooks/starter/intake/internal/SignatureFuzzTestInputs/}.
 */
class SignatureFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void checkSignature(FuzzedDataProvider data) {
    byte[] key = data.consumeBytes(data.consumeInt(0, 64));
    String secret =
        (data.consumeBoolean() ? "whsec_" : "") + Base64.getEncoder().encodeToString(key);
    long tolerance = data.consumeLong(0, 3_600);
    long now = data.consumeLong(0, 4_102_444_800L);
    long seconds = now + (data.consumeBoolean() ? data.consumeLong() : data.consumeLong(-900, 900));
    boolean rightSignature = data.consumeBoolean();
    String id = data.consumeString(64);
    String before = data.consumeString(80);
    String after = data.consumeString(80);
    String timestamp = rightSignature ? Long.toString(seconds) : data.consumeString(24);
    byte[] body = data.consumeRemainingAsBytes();

    String header =
        rightSignature
            ? before
                + " v1,"
                + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body))
                + " "
                + after
            : before + after;
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/x");
    request.addHeader("webhook-id", id);
    request.addHeader("webhook-timestamp", timestamp);
    request.addHeader("webhook-signature", header);
    String accepted;
    try {
      SourceAuthenticator auth =
          new SourceAuthenticator(
              "fuzz",
              new Auth("hmac", null, null, null, null, null, secret, null),
              Duration.ofSeconds(tolerance));
      accepted = auth.checkSignature(request, body, Instant.ofEpochSecond(now));
    } catch (IllegalArgumentException e) {
      // a misconfigured source (crash-empty-hmac-key: "whsec_" with no key was an
      // IllegalArgumentException from the Mac at every request): start-up fails naming the setting
      assertThat(key).as("refused a configured key: %s", e.getMessage()).isEmpty();
      assertThat(e.getMessage()).contains("runbook.intake.sources.fuzz.auth.secret");
      return;
    } catch (WebhookException e) {
      // a webhook-id too long to keep or with control characters is a 400, whatever else it has
      boolean badId =
          !id.isBlank()
              && (id.length() > SourceAuthenticator.MAX_ID_LENGTH
                  || id.chars().anyMatch(Character::isISOControl));
      if (badId) {
        assertThat(e.status().value()).as("status of %s", e).isEqualTo(400);
        return;
      }
      assertThat(e.status().value()).as("status of %s", e).isEqualTo(401);
      boolean inWindow =
          BigInteger.valueOf(now)
                  .subtract(BigInteger.valueOf(seconds))
                  .abs()
                  .compareTo(BigInteger.valueOf(tolerance))
              <= 0;
      if (rightSignature && !id.isBlank() && inWindow) {
        fail("a right signature inside the window was refused: " + e.getMessage());
      }
      return;
    }
    assertThat(accepted).isEqualTo(id);
    long given = Long.parseLong(timestamp.trim());
    assertThat(BigInteger.valueOf(now).subtract(BigInteger.valueOf(given)).abs())
        .as("accepted timestamp %s at %s with tolerance %ss", timestamp, now, tolerance)
        .isLessThanOrEqualTo(BigInteger.valueOf(tolerance));
  }

  /**
   * Found by review, not by the fuzzer: {@code Math.abs(now - timestamp)} overflowed to {@code
   * Long.MIN_VALUE} for a timestamp of {@code now + Long.MIN_VALUE}, which then passed the
   * freshness check. (The timestamp is signed, so only the secret's holder could send one.)
   */
  @Test
  void aTimestampWhoseDistanceOverflowsIsStale() {
    byte[] key = {1, 2, 3};
    long now = 1_700_000_000L;
    String timestamp = Long.toString(now + Long.MIN_VALUE);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/x");
    request.addHeader("webhook-id", "msg-1");
    request.addHeader("webhook-timestamp", timestamp);
    request.addHeader(
        "webhook-signature",
        "v1," + Base64.getEncoder().encodeToString(hmac(key, "msg-1", timestamp, body)));
    SourceAuthenticator auth =
        new SourceAuthenticator(
            "fuzz",
            new Auth(
                "hmac",
                null,
                null,
                null,
                null,
                null,
                "whsec_" + Base64.getEncoder().encodeToString(key),
                null),
            Duration.ofMinutes(5));

    assertThatThrownBy(() -> auth.checkSignature(request, body, Instant.ofEpochSecond(now)))
        .isInstanceOf(WebhookException.class)
        .hasMessageContaining("webhook-timestamp is more than 300s away from now");
  }

  /** HMAC-SHA256 of {@code id.timestamp.body}, computed independently of the verifier. */
  private static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
