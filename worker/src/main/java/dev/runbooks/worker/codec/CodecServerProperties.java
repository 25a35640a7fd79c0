package dev.runbooks.worker.codec;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The codec server ({@code runbook.codec.server.*}): Temporal's remote codec protocol on a port of
 * its own, so that the Temporal Web UI and CLI show the payloads {@link AesGcmPayloadCodec}
 * encrypted. Off unless {@code port} is set.
 *
 * @param port the port; 0 (the default) leaves the server off
 * @param bindAddress the address it listens on ({@code 127.0.0.1} unless told otherwise)
 * @param corsOrigins the browser origins allowed to call it (the Web UI's, such as {@code
 *     http://localhost:8233}); none by default
 * @param auth who may call it: {@code token} (an API token or OIDC JWT of the engine's security;
 *     decode needs viewer, encode operator) or {@code none} (only with the dev switch {@code
 *     runbook.dev.enabled=true})
 * @param maxBodySize the largest request body accepted (larger ones are answered 413)
 * @param threads the threads serving requests
 */
@Validated
@ConfigurationProperties("runbook.codec.server")
public record CodecServerProperties(
    @DefaultValue("0") @Min(0) @Max(65535) int port,
    @DefaultValue("127.0.0.1") String bindAddress,
    @DefaultValue List<String> corsOrigins,
    @DefaultValue("token") Auth auth,
    @DefaultValue("4MB") DataSize maxBodySize,
    @DefaultValue("4") @Min(1) int threads) {

  /** Copies the origins without trailing slashes. */
  public CodecServerProperties {
    corsOrigins =
        corsOrigins == null
            ? List.of()
            : corsOrigins.stream()
                .map(String::strip)
                .filter(o -> !o.isEmpty())
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .toList();
  }

  /** Whether the server runs. */
  public boolean enabled() {
    return port > 0;
  }

  /** Who may call the codec server. */
  public enum Auth {
    /** An engine API token or an OIDC JWT, as {@code Authorization: Bearer}. */
    TOKEN,
    /** Anybody who can reach the port: only with the dev switch. */
    NONE
  }
}
