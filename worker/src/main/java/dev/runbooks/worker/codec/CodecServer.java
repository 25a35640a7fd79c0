package dev.runbooks.worker.codec;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The codec server's HTTP listener: the JDK's HTTP server on its own port and address, served by a
 * small pool of threads, started and stopped with the application.
 */
public final class CodecServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CodecServer.class);

  private final CodecServerProperties properties;
  private final CodecHandler handler;
  private final String description;
  private HttpServer server;
  private ThreadPoolExecutor executor;

  CodecServer(CodecServerProperties properties, CodecHandler handler, String description) {
    this.properties = properties;
    this.handler = handler;
    this.description = description;
  }

  @Override
  public synchronized void start() {
    InetSocketAddress address = new InetSocketAddress(properties.bindAddress(), properties.port());
    try {
      server = HttpServer.create(address, 50);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the codec server cannot listen on "
              + properties.bindAddress()
              + ":"
              + properties.port()
              + " (runbook.codec.server.port, runbook.codec.server.bind-address): "
              + e.getMessage(),
          e);
    }
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(1, properties.threads());
    executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(200),
            r -> {
              Thread t = new Thread(r, "codec-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    log.info(
        "codec server on http://{}:{} ({})",
        properties.bindAddress(),
        server.getAddress().getPort(),
        description);
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop(1);
      executor.shutdown();
      server = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The port it listens on, once started. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the codec server is not running");
    }
    return server.getAddress().getPort();
  }
}
