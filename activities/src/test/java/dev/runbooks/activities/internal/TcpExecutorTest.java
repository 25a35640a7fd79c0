package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepFailures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void connectThatTimesOutIsTcpConnectFailed() throws IOException {
    // A listener whose accept queue is full drops further SYNs, so connecting hangs until timeout.
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket filler = new Socket();
          fillers.add(filler);
          try {
            filler.connect(server.getLocalSocketAddress(), 200);
          } catch (IOException e) {
            break;
          }
        }
        long start = System.nanoTime();
        var failure =
            failure(
                tcp,
                Map.of("host", "127.0.0.1", "port", server.getLocalPort(), "timeout", "300ms"),
                StepFailures.TCP_CONNECT_FAILED,
                true);

        assertThat(failure.getOriginalMessage())
            .isEqualTo("127.0.0.1:" + server.getLocalPort() + ": connect timed out after 300ms");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
      } finally {
        for (Socket filler : fillers) {
          filler.close();
        }
      }
    }
  }
}
