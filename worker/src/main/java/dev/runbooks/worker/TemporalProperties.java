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
 */
@ConfigurationProperties("runbook.temporal")
public record TemporalProperties(
    @DefaultValue("127.0.0.1:7233") String target,
    @DefaultValue("default") String namespace,
    @DefaultValue("false") boolean embedded,
    @DefaultValue("7233") int embeddedPort) {

  /** The address the client connects to: the embedded server's when embedded. */
  public String effectiveTarget() {
    return embedded ? "127.0.0.1:" + embeddedPort : target;
  }
}
