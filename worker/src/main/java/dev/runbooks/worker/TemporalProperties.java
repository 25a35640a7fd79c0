package dev.runbooks.worker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker reaches Temporal ({@code runbook.temporal.*}). A connection setting left unset
 * here comes from Temporal's environment configuration ({@code TEMPORAL_ADDRESS}, {@code
 * TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS_*}, the profile of Temporal's
 * TOML config file), then from the defaults; see docs/architecture.md, "Connecting to Temporal".
 *
 * @param target the frontend's gRPC address, {@code host:port}; unset: {@code TEMPORAL_ADDRESS},
 *     else {@code 127.0.0.1:7233}
 * @param namespace the namespace runs live in; unset: {@code TEMPORAL_NAMESPACE}, else {@code
 *     default}
 * @param embedded whether to start an in-memory Temporal test server in this process instead; runs
 *     are then NOT durable and vanish when the process stops
 * @param embeddedPort the port the embedded server listens on
 * @param virtualThreads whether activities (HTTP probes, commands, SQL: blocking I/O) run on
 *     virtual threads: {@code auto} (the default) where the JDK has them (Java 21 and later),
 *     {@code on} (start-up fails on an older JDK), {@code off}. Workflow code stays on platform
 *     threads.
 * @param apiKey the API key sent to Temporal (Temporal Cloud), a value or a secret reference
 *     ({@code env:NAME}, {@code file:/path}); unset: {@code TEMPORAL_API_KEY}
 * @param tls TLS to the frontend
 * @param worker the worker's slots, pollers and cache
 * @param searchAttributes whether start-up registers the runs' search attributes or only verifies
 *     that they exist
 */
@Validated
@ConfigurationProperties("runbook.temporal")
public record TemporalProperties(
    String target,
    String namespace,
    @DefaultValue("false") boolean embedded,
    @DefaultValue("7233") @Min(1) @Max(65535) int embeddedPort,
    @DefaultValue("auto") VirtualThreads virtualThreads,
    String apiKey,
    @DefaultValue Tls tls,
    @DefaultValue @NestedConfigurationProperty TemporalWorkerTuning worker,
    @DefaultValue("register") SearchAttributes searchAttributes) {

  /** The frontend address when neither the property nor {@code TEMPORAL_ADDRESS} is set. */
  public static final String DEFAULT_TARGET = "127.0.0.1:7233";

  /** The namespace when neither the property nor {@code TEMPORAL_NAMESPACE} is set. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** Binds missing nested groups to their defaults (for code that builds the record). */
  public TemporalProperties {
    tls = tls == null ? new Tls(null, null, null, null, null, null) : tls;
    worker = worker == null ? TemporalWorkerTuning.defaults() : worker;
    searchAttributes = searchAttributes == null ? SearchAttributes.REGISTER : searchAttributes;
  }

  /**
   * TLS to the frontend ({@code runbook.temporal.tls.*}); every unset field falls back to its
   * {@code TEMPORAL_TLS_*} variable.
   *
   * @param enabled TLS on or off; unset: on when {@code TEMPORAL_TLS} says so, when a CA,
   *     certificate or key is configured, or when an API key is (Temporal Cloud takes API keys over
   *     TLS only)
   * @param caFile PEM file of the CA(s) that signed the server's certificate; unset: the JDK's
   *     trusted roots
   * @param certFile PEM client certificate (chain) for mutual TLS; needs {@code keyFile}
   * @param keyFile PEM PKCS#8 private key of {@code certFile}
   * @param serverName the name the server's certificate must carry when it differs from the
   *     target's host (also sent as SNI and {@code :authority})
   * @param disableHostVerification accept a certificate signed by the CA whatever names it carries
   *     (the chain is still verified)
   */
  public record Tls(
      Boolean enabled,
      String caFile,
      String certFile,
      String keyFile,
      String serverName,
      Boolean disableHostVerification) {}

  /** What start-up does about the runs' search attributes. */
  public enum SearchAttributes {
    /** Add the missing ones through the operator service (a self-hosted cluster). */
    REGISTER,
    /**
     * Only list them and fail start-up with the {@code temporal operator search-attribute create}
     * commands for the missing ones (Temporal Cloud, or a namespace without operator rights).
     */
    VERIFY
  }

  /**
   * Whether the worker's activity threads are virtual ({@code runbook.temporal.virtual-threads}).
   */
  public enum VirtualThreads {
    /** Virtual threads where the JDK has them (Java 21 and later). */
    AUTO,
    /** Virtual threads; start-up fails on a JDK without them. */
    ON,
    /** Platform threads. */
    OFF;

    /** The first Java feature release with virtual threads. */
    public static final int FIRST_JAVA = 21;

    /**
     * Whether activities use virtual threads on a JDK of the given feature release.
     *
     * @throws IllegalStateException for {@code ON} on a JDK before Java 21
     */
    public boolean enabled(int javaFeature) {
      return switch (this) {
        case AUTO -> javaFeature >= FIRST_JAVA;
        case OFF -> false;
        case ON -> {
          if (javaFeature < FIRST_JAVA) {
            throw new IllegalStateException(
                "runbook.temporal.virtual-threads=on needs Java "
                    + FIRST_JAVA
                    + " or later; this is Java "
                    + javaFeature);
          }
          yield true;
        }
      };
    }
  }

  /**
   * The address configured here: the embedded server's when embedded, else {@link #target()} or
   * {@link #DEFAULT_TARGET}. The connection's address may come from {@code TEMPORAL_ADDRESS}
   * instead (see {@code TemporalConnection}).
   */
  public String effectiveTarget() {
    if (embedded) {
      return "127.0.0.1:" + embeddedPort;
    }
    return target == null || target.isBlank() ? DEFAULT_TARGET : target;
  }
}
