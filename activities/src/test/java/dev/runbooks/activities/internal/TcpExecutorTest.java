package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepFailures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpExecutorTest {
  private final TcpExecutor tcp = new TcpExecutor();

  @Test
  void connectsToAListeningPort() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, Object> result =
          run(tcp, Map.of("host", "127.0.0.1", "port", server.getLocalPort(), "timeout", "2s"));

      assertThat(result)
          .containsEntry("host", "127.0.0.1")
          .containsEntry("port", (long) server.getLocalPort())
          .containsEntry("connected", true)
          .containsKey("durationMs");
    }
  }

  @Test
  void acceptsPortRenderedFromATemplateAsString() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, Object> result =
          run(tcp, Map.of("host", "127.0.0.1", "port", String.valueOf(server.getLocalPort())));

      assertThat(result).containsEntry("port", (long) server.getLocalPort());
    }
  }

  @Test
  void closedPortIsTcpConnectFailedNamingHostAndPort() throws IOException {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
    }
    var failure =
        failure(
            tcp, Map.of("host", "127.0.0.1", "port", port), StepFailures.TCP_CONNECT_FAILED, true);

    assertThat(failure.getOriginalMessage()).startsWith("127.0.0.1:" + port + ": ");
  }

  @Test
  void unresolvableHostIsTcpConnectFailed() {
    var failure =
        failure(
            tcp,
            Map.of("host", "no-such-host.invalid", "port", 80),
            StepFailures.TCP_CONNECT_FAILED,
            true);

    assertThat(failure.getOriginalMessage()).contains("no-such-host.invalid:80");
  }
}
