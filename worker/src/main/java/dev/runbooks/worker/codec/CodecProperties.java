package dev.runbooks.worker.codec;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Payload encryption ({@code runbook.codec.*}). Off unless {@code active-key} is set. Keys are
 * base64-encoded 32-byte AES keys, best given through the environment ({@code
 * RUNBOOK_CODEC_KEYS_<ID>}), never committed.
 *
 * @param activeKey the id of the key new payloads are encrypted with; blank = no encryption
 * @param keys every key by id, the active one and older ones still needed to read old histories
 */
@Validated
@ConfigurationProperties("runbook.codec")
public record CodecProperties(String activeKey, Map<String, String> keys) {
  /** Normalizes absent values. */
  public CodecProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  /** Whether payloads are encrypted. */
  public boolean enabled() {
    return activeKey != null && !activeKey.isBlank();
  }

  /** The codec these settings describe. */
  public AesGcmPayloadCodec codec() {
    Map<String, byte[]> decoded = new LinkedHashMap<>();
    keys.forEach(
        (id, b64) -> {
          try {
            decoded.put(id, Base64.getDecoder().decode(b64.trim()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "runbook.codec.keys." + id + " is not base64 (the value is not shown)");
          }
        });
    return new AesGcmPayloadCodec(activeKey, decoded);
  }
}
