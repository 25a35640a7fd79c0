package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.activities.Destinations;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.targets.TargetPolicy;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a step may act, against a real listener on 127.0.0.1 that records the request head of every
 * connection exactly as received, and the address the connection arrived at.
 */
class TargetsTest {
  private Listener listener;

  @BeforeEach
  void start() throws IOException {
    listener = new Listener("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", "{}");
  }

  @AfterEach
  void stop() throws IOException {
    listener.close();
  }

  @Test
  void anAlertLabelStaysInsideItsPathSegment() {
    Map<String, Object> vars =
        Map.of(
            "inputs",
            Map.of("base_url", "http://127.0.0.1:" + listener.port()),
            "alert",
            Map.of("labels", Map.of("circuit", "../../x?injected=1")));
    Object url =
        Templates.renderUrl(
            "${{ inputs.base_url }}/circuits/${{ alert.labels.circuit }}/reset?by=${{"
                + " alert.labels.circuit }}",
            vars);

    Map<String, Object> result =
        run(new HttpExecutor(StepEnvironment.defaults()), Map.of("url", url), open());

    assertThat(result).containsEntry("status", 200L);
    assertThat(listener.requestLines())
        .containsExactly(
            "GET /circuits/..%2F..%2Fx%3Finjected%3D1/reset?by=..%2F..%2Fx%3Finjected%3D1"
                + " HTTP/1.1");
  }

  @Test
  void aRedirectToTheMetadataAddressIsNotFollowedByDefault() throws IOException {
    listener.close();
    listener = redirectingTo("http://169.254.169.254/latest/meta-data/");

    Map<String, Object> result =
        run(
            new HttpExecutor(StepEnvironment.defaults()),
            Map.of("url", listener.base() + "/start", "expect", Map.of("status", 302)),
            open());

    assertThat(result).containsEntry("status", 302L);
    assertThat(listener.requestLines()).containsExactly("GET /start HTTP/1.1");
  }

  @Test
  void aRedirectToTheMetadataAddressIsRefusedWhenRedirectsAreFollowed() throws IOException {
    listener.close();
    listener = redirectingTo("http://169.254.169.254/latest/meta-data/");

    ApplicationFailure failure =
        fail(
            new HttpExecutor(StepEnvironment.defaults()),
            Map.of("url", listener.base() + "/start", "followRedirects", true),
            open());

    assertThat(failure.getType()).isEqualTo(StepFailures.TARGET_DENIED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "GET http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a cloud"
                + " metadata address, denied unless allowed explicitly (targets or"
                + " runbook.targets.allow)");
    assertThat(listener.requestLines()).containsExactly("GET /start HTTP/1.1");
  }

  @Test
  void aRedirectToAnAllowedHostIsFollowedAndCheckedAgain() throws IOException {
    Listener target = listener;
    listener = redirectingTo(target.base() + "/landed");
    try {
      Map<String, Object> result =
          run(
              new HttpExecutor(StepEnvironment.defaults()),
              Map.of("url", listener.base() + "/start", "followRedirects", true),
              new StepContext(1, d -> {}, java.util.Optional::empty, "")
                  .withDestinations(
                      new Destinations(
                          TargetPolicy.of(List.of(), List.of(), List.of("127.0.0.1")), false)));

      assertThat(result).containsEntry("status", 200L);
      assertThat(target.requestLines()).containsExactly("GET /landed HTTP/1.1");
    } finally {
      target.close();
    }
  }

  @Test
  void aHostThatResolvesToADeniedAddressIsRefusedWithAClearStepError() {
    Destinations deny =
        new Destinations(TargetPolicy.of(List.of(), List.of("127.0.0.0/8"), null), false);

    ApplicationFailure failure =
        fail(
            new HttpExecutor(StepEnvironment.defaults()),
            Map.of("url", "http://localhost:" + listener.port() + "/health"),
            ctx(deny));

    assertThat(failure.getType()).isEqualTo(StepFailures.TARGET_DENIED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "GET http://localhost:"
                + listener.port()
                + "/health: refused: localhost (127.0.0.1) is denied by runbook.targets.deny"
                + " '127.0.0.0/8'");
    assertThat(listener.connections()).isZero();
  }

  @Test
  void loopbackFromAnAlertIsRefusedForEveryKindOfDestination() {
    Destinations fromAlert = new Destinations(TargetPolicy.defaults(), true);

    ApplicationFailure http =
        fail(
            new HttpExecutor(StepEnvironment.defaults()),
            Map.of("url", listener.base() + "/health"),
            ctx(fromAlert));
    ApplicationFailure tcp =
        fail(
            new TcpExecutor(),
            Map.of("host", "127.0.0.1", "port", (long) listener.port()),
            ctx(fromAlert));
    ApplicationFailure breaker =
        fail(
            new CircuitBreakerExecutor(StepEnvironment.defaults()),
            Map.of("base", listener.base()),
            ctx(fromAlert));
    ApplicationFailure prometheus =
        fail(
            new PrometheusExecutor(),
            Map.of("url", listener.base(), "query", "up"),
            ctx(fromAlert));

    for (ApplicationFailure f : List.of(http, tcp, breaker, prometheus)) {
      assertThat(f.getType()).isEqualTo(StepFailures.TARGET_DENIED);
      assertThat(f.isNonRetryable()).isTrue();
      assertThat(f.getOriginalMessage())
          .endsWith(
              "refused: 127.0.0.1 is a loopback address and the host came from alert data,"
                  + " denied unless allowed explicitly (targets or runbook.targets.allow)");
    }
    assertThat(listener.connections()).isZero();
  }

  @Test
  void aNameIsResolvedOnceAndTheCheckedAddressIsTheOneConnectedTo() {
    AtomicInteger lookups = new AtomicInteger();
    Destinations.Resolver rebinding =
        host -> {
          assertThat(host).isEqualTo("rebind.test");
          return new InetAddress[] {
            lookups.getAndIncrement() == 0
                ? InetAddress.getByName("127.0.0.1")
                : InetAddress.getByName("169.254.169.254")
          };
        };
    Destinations pinned =
        new Destinations(
            TargetPolicy.of(List.of(), List.of(), List.of("rebind.test")), false, rebinding);

    Map<String, Object> result =
        run(
            new HttpExecutor(StepEnvironment.defaults()),
            Map.of("url", "http://rebind.test:" + listener.port() + "/health"),
            ctx(pinned));

    assertThat(result).containsEntry("status", 200L);
    assertThat(lookups).hasValue(1);
    assertThat(listener.requestLines()).containsExactly("GET /health HTTP/1.1");
    assertThat(listener.hostHeaders()).containsExactly("rebind.test:" + listener.port());
    assertThat(listener.localAddresses()).containsExactly("127.0.0.1");
  }

  @Test
  void aNameThatResolvesToAnAllowedAddressConnectsToIt() {
    Destinations allowed =
        new Destinations(TargetPolicy.of(List.of("127.0.0.1/32"), List.of(), null), true);

    Map<String, Object> result =
        run(
            new HttpExecutor(StepEnvironment.defaults()),
            Map.of("url", "http://localhost:" + listener.port() + "/health"),
            ctx(allowed));

    assertThat(result).containsEntry("status", 200L);
    assertThat(listener.localAddresses()).containsExactly("127.0.0.1");
    assertThat(listener.hostHeaders()).containsExactly("localhost:" + listener.port());
  }

  @Test
  void theRequestCarriesTargetsThroughTemporalsConverter() {
    ActionRequest request =
        new ActionRequest("rb", "wf", "s", "http", Map.of("url", "x"), List.of("10.0.0.0/8"), true);
    var converter = DefaultDataConverter.newDefaultInstance();

    ActionRequest back =
        converter.fromPayload(
            converter.toPayload(request).orElseThrow(), ActionRequest.class, ActionRequest.class);
    ActionRequest old =
        converter.fromPayload(
            converter
                .toPayload(Map.of("runbook", "rb", "stepId", "s", "type", "http"))
                .orElseThrow(),
            ActionRequest.class,
            ActionRequest.class);

    assertThat(back).isEqualTo(request);
    assertThat(old.targets()).isNull();
    assertThat(old.hostFromAlert()).isFalse();
  }

  private static Destinations open() {
    return Destinations.open();
  }

  private static StepContext ctx(Destinations destinations) {
    return StepContext.detached().withDestinations(destinations);
  }

  private static Map<String, Object> run(
      StepExecutor executor, Map<String, Object> config, Destinations destinations) {
    return run(executor, config, ctx(destinations));
  }

  private static Map<String, Object> run(
      StepExecutor executor, Map<String, Object> config, StepContext ctx) {
    return executor.execute(
        new ActionRequest("rb", "wf-1", "step_1", executor.type(), config), ctx);
  }

  private static ApplicationFailure fail(
      StepExecutor executor, Map<String, Object> config, Destinations destinations) {
    return fail(executor, config, ctx(destinations));
  }

  private static ApplicationFailure fail(
      StepExecutor executor, Map<String, Object> config, StepContext ctx) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> run(executor, config, ctx));
    assertThat(failure).isNotNull();
    return failure;
  }

  private static Listener redirectingTo(String location) throws IOException {
    return new Listener("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\n", "");
  }

  /** A one-response-per-connection HTTP listener on 127.0.0.1 that records what it received. */
  private static final class Listener implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> hostHeaders = Collections.synchronizedList(new ArrayList<>());
    private final List<String> localAddresses = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    Listener(String head, String body) throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                    localAddresses.add(s.getLocalAddress().getHostAddress());
                    BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    requestLines.add(in.readLine());
                    for (String line = in.readLine();
                        line != null && !line.isEmpty();
                        line = in.readLine()) {
                      if (line.regionMatches(true, 0, "host:", 0, 5)) {
                        hostHeaders.add(line.substring(5).strip());
                      }
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    OutputStream out = s.getOutputStream();
                    out.write(
                        (head + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(bytes);
                    out.flush();
                  } catch (IOException e) {
                    // closed
                  }
                }
              },
              "targets-listener");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    String base() {
      return "http://127.0.0.1:" + port();
    }

    List<String> requestLines() {
      return List.copyOf(requestLines);
    }

    List<String> hostHeaders() {
      return List.copyOf(hostHeaders);
    }

    List<String> localAddresses() {
      return List.copyOf(localAddresses);
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
