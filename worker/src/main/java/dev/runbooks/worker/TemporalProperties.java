package dev.runbooks.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker reaches Temporal ({@code runbook.temporal.*}).
 *
 * @param target the frontend's gRPC address, {@code host:port}
 * @param namespace the namespace runs live in
 * @param embedded whether to start an in-memory Temporal test server in this process instead; runs
 *     are then NOT durable and vanish when the process stops
 * @param embeddedPort the port the embedded server listens on
 * @param virtualThreads whether activities (HTTP probes, commands, SQL: blocking I/O) run on
 *     virtual threads: {@code auto} (the default) where the JDK has them (Java 21 and later),
 *     {@code on} (start-up fails on an older JDK), {@code off}. Workflow code stays on platform
 *     threads.
 */
@ConfigurationProperties("runbook.temporal")
public record TemporalProperties(
    @DefaultValue("127.0.0.1:7233") String target,
    @DefaultValue("default") String namespace,
    @DefaultValue("false") boolean embedded,
    @DefaultValue("7233") int embeddedPort,
    @DefaultValue("auto") VirtualThreads virtualThreads) {

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

  /** The address the client connects to: the embedded server's when embedded. */
  public String effectiveTarget() {
    return embedded ? "127.0.0.1:" + embeddedPort : target;
  }
}
