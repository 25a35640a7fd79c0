package dev.runbooks.bench.core;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The system under test, each part its own process: the Temporal CLI's dev server (SQLite file in
 * the bench directory, its own ports, no Web UI) and the runbook worker ({@code java -jar
 * worker/target/runbook-worker-dev.jar} with the dev switch {@code RUNBOOK_DEV_ENABLED=true},
 * embedded PostgreSQL inbox, its own ports) serving the bench catalog. The worker can be restarted
 * with other settings (the tuning comparisons).
 *
 * <p>With an {@link ExternalTemporal} server (a production topology) no dev server is started: the
 * bench's processes use their own namespace on that server, and the worker is started with the
 * database given ({@code DATABASE_URL}), its inbox dispatcher off, so that it neither claims the
 * topology's alerts nor polls its task queues.
 */
public final class Stack implements AutoCloseable {
  private final BenchOptions options;
  private final Path dir;
  private final Path catalog;
  private final ProbeServer probe;
  private final int temporalPort;
  private Process temporal;
  private Process worker;
  private int apiPort;
  private int generation;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;

  private Stack(BenchOptions options, Path dir, Path catalog, ProbeServer probe, int port) {
    this.options = options;
    this.dir = dir;
    this.catalog = catalog;
    this.probe = probe;
    this.temporalPort = port;
  }

  /**
   * Starts the dev server and the worker with the given extra worker arguments, and waits until the
   * worker's API is healthy.
   */
  public static Stack start(
      BenchOptions options, Path catalog, ProbeServer probe, List<String> args)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(options.workDir().resolve("stack"));
    ExternalTemporal external = options.external();
    Stack stack =
        new Stack(options, dir, catalog, probe, external == null ? options.ports().take() : 0);
    try {
      if (external == null) {
        stack.startTemporal();
      } else {
        stack.connect(external);
      }
      stack.startWorker(args);
      return stack;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startTemporal() throws IOException, InterruptedException {
    Path log = dir.resolve("temporal.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                options.temporalBin().toString(),
                "server",
                "start-dev",
                "--headless",
                "--db-filename",
                dir.resolve("temporal.db").toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(temporalPort),
                "--log-level",
                "warn"));
    if (options.ports().ranged()) { // else the dev server picks free ports for these itself
      command.addAll(
          List.of(
              "--http-port",
              Integer.toString(options.ports().take()),
              "--metrics-port",
              Integer.toString(options.ports().take())));
    }
    command.addAll(temporalArgs());
    temporal =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    say("Temporal dev server on 127.0.0.1:" + temporalPort + " (pid " + temporal.pid() + ")");
    Waits.until(
        "the Temporal dev server", Duration.ofSeconds(60), () -> Waits.portOpen(temporalPort), log);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    // An open port is not yet an answering API: on a loaded machine the first call can time out.
    Waits.until("the Temporal dev server's API", Duration.ofSeconds(60), this::answers, log);
    client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
  }

  private boolean answers() {
    return !serverVersion().equals("unknown");
  }

  private void connect(ExternalTemporal external) throws IOException, InterruptedException {
    say("Temporal server at " + external.address() + ", namespace " + external.namespace());
    stubs = ExternalServer.connect(external);
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(external.namespace()).build());
  }

  /**
   * The dev server's extra arguments unless {@code bench.temporalArgs} says otherwise: the SQLite
   * pragmas, then DEV_SERVER_DYNAMIC_CONFIG ({@link DevServerArgs}).
   */
  public static final String DEFAULT_TEMPORAL_ARGS = DevServerArgs.DEFAULT;

  /**
   * Extra arguments of the dev server, comma-separated ({@code -Dbench.temporalArgs=}, blank for
   * none): by default {@link #DEFAULT_TEMPORAL_ARGS}, see docs/benchmarks.md.
   */
  public static List<String> temporalArgs() {
    return DevServerArgs.current();
  }

  /** Stops the worker (when running) and starts it again with these extra arguments. */
  public void restartWorker(List<String> args) throws IOException, InterruptedException {
    stopWorker();
    startWorker(args);
  }

  /**
   * Starts the worker; when its API port was taken between {@link Ports#take} and the worker's bind
   * (on a shared machine other processes take ports too), tries again on another port.
   */
  private void startWorker(List<String> args) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        startWorkerOnce(args);
        return;
      } catch (IOException e) {
        if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("was already in use")) {
          throw e;
        }
        say("the worker's port " + apiPort + " was taken meanwhile; trying another");
      }
    }
  }

  private void startWorkerOnce(List<String> args) throws IOException, InterruptedException {
    generation++;
    apiPort = options.ports().take();
    Path log = dir.resolve("worker-" + generation + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options.workerJavaOptions());
    command.addAll(
        List.of(
            "-jar",
            options.workerJar().toString(),
            "--server.port=" + apiPort,
            "--runbook.temporal.target=" + target(),
            "--runbook.catalog.dir=" + catalog,
            "--runbook.data-dir=" + dir.resolve("worker-data-" + generation),
            "--runbook.api.public-url=http://127.0.0.1:" + apiPort,
            "--runbook.intake.allow-unauthenticated=true",
            "--runbook.schedules.enabled=false",
            "--runbook.routes.oncall.type=slack",
            "--runbook.routes.oncall.url=" + probe.url() + "/pager/oncall",
            "--runbook.routes.engineering.type=slack",
            "--runbook.routes.engineering.url=" + probe.url() + "/pager/engineering",
            "--management.endpoints.web.exposure.include=health,info,prometheus,metrics"));
    ExternalTemporal external = options.external();
    if (external != null) {
      command.addAll(externalWorkerArgs(external));
    }
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    if (external == null) {
      // Security is on: the bench's admin token, a local admin password and the decision key.
      env.put("RUNBOOK_SECURITY_BOOTSTRAP_TOKEN", Http.API_TOKEN);
      env.put("RUNBOOK_SECURITY_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
      // The dev jar's embedded PostgreSQL is the inbox: the dev switch allows it.
      env.put("RUNBOOK_DEV_ENABLED", "true");
    } else {
      // The topology's database: no bench token or user is added to it.
      env.remove("RUNBOOK_SECURITY_BOOTSTRAP_TOKEN");
      env.remove("RUNBOOK_SECURITY_BOOTSTRAP_ADMIN_PASSWORD");
      env.remove(ExternalTemporal.DATABASE_URL_ENV);
      env.remove("RUNBOOK_DEV_ENABLED"); // the production jar, as the topology runs it
      env.put("DATABASE_URL", external.databaseUrl());
    }
    env.put("RUNBOOK_SECURITY_DECISION_KEY", DECISION_KEY);
    worker = builder.start();
    say("worker on " + api() + " (pid " + worker.pid() + ") " + String.join(" ", args));
    Waits.until("the worker's API", Duration.ofSeconds(240), this::healthy, log);
  }

  /**
   * The worker's settings on an external server: the bench's namespace, and no inbox dispatcher
   * (the inbox tables are the topology's: its alerts are its starters' and workers' to dispatch).
   */
  static List<String> externalWorkerArgs(ExternalTemporal external) {
    return List.of(
        "--runbook.temporal.namespace=" + external.namespace(),
        "--runbook.intake.dispatcher.enabled=false");
  }

  private static final String ADMIN_PASSWORD = Http.randomBase64Url(18);
  private static final String DECISION_KEY =
      Base64.getEncoder().encodeToString(Http.randomBytes(32));

  private void stopWorker() throws InterruptedException {
    if (worker != null && worker.isAlive()) {
      worker.destroy();
      if (!worker.waitFor(30, TimeUnit.SECONDS)) {
        worker.destroyForcibly().waitFor();
      }
    }
  }

  /** The worker's API base URL. */
  public String api() {
    return "http://127.0.0.1:" + apiPort;
  }

  /** The Temporal frontend, {@code host:port}. */
  public String target() {
    return options.external() != null ? options.external().address() : "127.0.0.1:" + temporalPort;
  }

  /** The Temporal server's version as it reports it ({@code GetSystemInfo}). */
  public String serverVersion() {
    try {
      return stubs
          .blockingStub()
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
          .getServerVersion();
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /** The namespace the bench runs in: {@code default} on the dev server. */
  public String namespace() {
    return options.external() != null ? options.external().namespace() : "default";
  }

  /** A client of the Temporal server in {@link #namespace()}. */
  public WorkflowClient client() {
    return client;
  }

  /** The worker's process id. */
  public long workerPid() {
    return worker.pid();
  }

  /** Where the stack keeps its files and logs. */
  public Path dir() {
    return dir;
  }

  private boolean healthy() {
    if (!worker.isAlive()) {
      throw new IllegalStateException("the worker exited with " + worker.exitValue());
    }
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(api() + "/actuator/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void say(String message) {
    System.out.println("bench: " + message);
  }

  @Override
  public void close() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    try {
      stopWorker();
      if (temporal != null && temporal.isAlive()) {
        temporal.destroy();
        if (!temporal.waitFor(30, TimeUnit.SECONDS)) {
          temporal.destroyForcibly().waitFor();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (worker != null) {
        worker.destroyForcibly();
      }
      if (temporal != null) {
        temporal.destroyForcibly();
      }
    }
  }
}
