package dev.runbooks.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.testbed.http.SystemServer;
import dev.runbooks.testbed.jarvis.JarvisSystem;
import dev.runbooks.testbed.juggernaut.JuggernautSystem;
import dev.runbooks.testbed.miniminimoon.MiniminimoonSystem;
import dev.runbooks.testbed.pager.PagerSystem;
import dev.runbooks.testbed.razar.RazarSystem;
import dev.runbooks.testbed.unified.UnifiedSystem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The fault-injecting testbed: imitations of the five systems the seed runbooks operate (JARVIS,
 * the unified multi-agent system, Juggernaut, MINIMINIMOON, RAZAR) and a pager that receives
 * escalations, each served on a port of its own with an admin API to inject and clear faults and
 * read the true state. Start it from tests with {@link #start(TestbedOptions)} or as a program with
 * {@link #main(String[])}.
 */
public final class Testbed implements AutoCloseable {
  private final String host;
  private final Map<String, SystemServer> servers = new LinkedHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final EmbeddedDatabase database;

  private Testbed(String host, ScheduledExecutorService scheduler, EmbeddedDatabase database) {
    this.host = host;
    this.scheduler = scheduler;
    this.database = database;
  }

  /** Every system the testbed knows, new and not started. */
  public static List<TestbedSystem> allSystems() {
    return List.of(
        new PagerSystem(),
        new JarvisSystem(),
        new UnifiedSystem(),
        new JuggernautSystem(),
        new MiniminimoonSystem(),
        new RazarSystem());
  }

  /** Starts the chosen systems; on failure stops what it started and throws. */
  public static Testbed start(TestbedOptions options) throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    Clock clock = Clock.systemUTC();
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "testbed-tick");
              thread.setDaemon(true);
              return thread;
            });
    Path data = Files.createDirectories(options.dataDir());
    EmbeddedDatabase database =
        new EmbeddedDatabase(data.resolve("postgres"), options.jdbcUrl(), options.pgPort());
    Testbed testbed = new Testbed(options.host(), scheduler, database);
    try {
      for (TestbedSystem system : allSystems()) {
        if (!options.systems().isEmpty() && !options.systems().contains(system.name())) {
          continue;
        }
        Path dir = Files.createDirectories(data.resolve(system.name()));
        synchronized (system) {
          system.start(new SystemContext(dir, scheduler, database, clock, json));
        }
        testbed.servers.put(
            system.name(),
            new SystemServer(system, options.host(), options.portOf(system), json, clock));
      }
    } catch (Exception | Error e) {
      testbed.close();
      throw e;
    }
    return testbed;
  }

  /** The base URL of a system, such as {@code http://127.0.0.1:8742}. */
  public URI url(String system) {
    return URI.create("http://" + host + ":" + port(system));
  }

  /** The port a system listens on. */
  public int port(String system) {
    return server(system).port();
  }

  /** {@code host:port} of a system, as Prometheus labels its {@code instance}. */
  public String instance(String system) {
    return host + ":" + port(system);
  }

  /** A running system by name. */
  public TestbedSystem system(String name) {
    return server(name).system();
  }

  /** A running system by type. */
  public <T extends TestbedSystem> T system(Class<T> type) {
    return servers.values().stream()
        .map(SystemServer::system)
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not running: " + type.getSimpleName()));
  }

  /** The names of the running systems, in start order. */
  public List<String> systems() {
    return new ArrayList<>(servers.keySet());
  }

  /** The JDBC URL of the testbed's database (starting the embedded one if needed). */
  public String jdbcUrl() {
    return database.jdbcUrl();
  }

  /** Puts every system back into its healthy initial state. */
  public void resetAll() {
    for (SystemServer server : servers.values()) {
      TestbedSystem system = server.system();
      synchronized (system) {
        system.reset();
      }
    }
  }

  private SystemServer server(String system) {
    SystemServer server = servers.get(system);
    if (server == null) {
      throw new IllegalArgumentException(
          "no system '" + system + "' is running; running: " + servers.keySet());
    }
    return server;
  }

  @Override
  public void close() {
    for (SystemServer server : servers.values()) {
      server.close();
      TestbedSystem system = server.system();
      synchronized (system) {
        system.close();
      }
    }
    servers.clear();
    scheduler.shutdownNow();
    database.close();
  }

  /**
   * Runs the testbed until the process is stopped. Options: {@code --host=}, {@code
   * --port.<system>=}, {@code --random-ports}, {@code --data-dir=}, {@code --jdbc-url=}, {@code
   * --pg-port=}, {@code --systems=a,b}.
   */
  public static void main(String[] args) throws Exception {
    TestbedOptions options = TestbedCommandLine.parse(args);
    Testbed testbed = start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(testbed::close, "testbed-stop"));
    System.out.println("Testbed running:");
    for (String name : testbed.systems()) {
      System.out.printf(
          "  %-13s %s   (admin: %s/admin/state)%n", name, testbed.url(name), testbed.url(name));
    }
    if (testbed.servers.containsKey("juggernaut")) {
      System.out.println("  database      " + testbed.jdbcUrl());
    }
    System.out.flush();
    Thread.currentThread().join();
  }
}
