package dev.runbooks.worker.ui;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the web page tests' {@link DevServer} to the worker's other tests. */
public final class DevServerAccess implements AutoCloseable {
  private final DevServer server;

  private DevServerAccess(DevServer server) {
    this.server = server;
  }

  /** Starts the Temporal dev server on free ports with its files in {@code dir}. */
  public static DevServerAccess start(Path dir) throws IOException, InterruptedException {
    return new DevServerAccess(DevServer.start(dir));
  }

  /** The frontend's address, {@code 127.0.0.1:port}. */
  public String target() {
    return server.target();
  }

  @Override
  public void close() {
    server.close();
  }
}
