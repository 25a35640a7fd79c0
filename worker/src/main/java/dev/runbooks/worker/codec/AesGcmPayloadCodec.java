package dev.runbooks.worker.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload Temporal stores (inputs, results, signals, memos, failures' details) with
 * AES-256-GCM, so a run's history on the server holds no readable alert data, step results or
 * reports. The key id travels in the payload's metadata; old keys stay configured for reading while
 * new payloads use the active key, which makes rotation a configuration change. The Web UI and CLI
 * show encrypted payloads as such unless pointed at a codec server.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
  /** The metadata encoding of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";

  /** The metadata key naming the key a payload was encrypted with. */
  public static final String KEY_ID = "encryption-key-id";

  private static final String METADATA_ENCODING = "encoding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String activeKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  /**
   * Creates a codec.
   *
   * @param activeKeyId the id of the key new payloads are encrypted with
   * @param keys every key that may be needed to decrypt, by id: 32 bytes each
   * @throws IllegalArgumentException when the active key is missing or a key is not 32 bytes
   */
  public AesGcmPayloadCodec(String activeKeyId, Map<String, byte[]> keys) {
    if (!keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException(
          "the active payload key '" + activeKeyId + "' is not among the configured keys");
    }
    Map<String, SecretKey> specs = new java.util.LinkedHashMap<>();
    keys.forEach(
        (id, bytes) -> {
          if (bytes.length != 32) {
            throw new IllegalArgumentException(
                "payload key '" + id + "' has " + bytes.length + " bytes; AES-256 needs 32");
          }
          specs.put(id, new SecretKeySpec(bytes, "AES"));
        });
    this.activeKeyId = activeKeyId;
    this.keys = Map.copyOf(specs);
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(encrypt(payload));
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return out;
  }

  private static boolean isEncrypted(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(METADATA_ENCODING);
    return encoding != null && ENCODING.equals(encoding.toStringUtf8());
  }

  private Payload encrypt(Payload payload) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      ByteBuffer data = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
      return Payload.newBuilder()
          .putMetadata(METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(activeKeyId))
          .setData(ByteString.copyFrom(data.array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload payload) {
    ByteString keyIdBytes = payload.getMetadataMap().get(KEY_ID);
    String keyId = keyIdBytes == null ? "" : keyIdBytes.toStringUtf8();
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "payload was encrypted with key '" + keyId + "', which is not configured");
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length <= IV_BYTES) {
      throw new PayloadCodecException("encrypted payload is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
      return Payload.parseFrom(plain);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          "encrypted payload failed authentication (key '" + keyId + "')", e);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e);
    }
  }
}
