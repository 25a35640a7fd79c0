package dev.runbooks.worker.internal;

import io.temporal.testserver.TestServer;
import java.io.Closeable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Temporal test server bound to a local port, for demos without a real server. Only
 * the dev configuration ({@link DevConfiguration}) creates it: the production jar has no test
 * server.
 */
public final class EmbeddedTemporal implements DevTemporal, Closeable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServer.PortBoundTestServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  EmbeddedTemporal(int port) {
    String line = "*".repeat(78);
    log.warn(line);
    log.warn("* EMBEDDED TEMPORAL TEST SERVER on 127.0.0.1:{}", port);
    log.warn("* Runs are NOT durable: they live in this process's memory and are LOST when it");
    log.warn("* stops. There is no Web UI. For real use run `make run` with the Temporal CLI, or");
    log.warn("* point runbook.temporal.target at a Temporal cluster.");
    log.warn(line);
    this.server = TestServer.createPortBoundServer(port);
  }

  /** Stops the server (once: a test may stop it before the application closes). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.close();
    }
  }
}
