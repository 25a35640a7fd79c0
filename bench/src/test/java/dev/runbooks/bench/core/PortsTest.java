package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void blankIsAnyFreePort() throws IOException {
    assertThat(Ports.parse("")).isSameAs(Ports.ANY);
    assertThat(Ports.parse(null)).isSameAs(Ports.ANY);
    assertThat(Ports.ANY.ranged()).isFalse();
    assertThat(Ports.ANY.take()).isPositive();
  }

  @Test
  void aRangeHandsOutFreePortsOfItOnceEach() throws IOException {
    Ports ports = Ports.parse("33095-33099");
    try (ServerSocket busy = new ServerSocket(33095, 1, InetAddress.getLoopbackAddress())) {
      List<Integer> taken = new ArrayList<>();
      IOException exhausted = null;
      while (exhausted == null) {
        try {
          taken.add(ports.take());
        } catch (IOException e) {
          exhausted = e;
        }
      }
      assertThat(taken)
          .isNotEmpty()
          .doesNotHaveDuplicates()
          .doesNotContain(busy.getLocalPort())
          .allMatch(p -> p > 33095 && p <= 33099);
      assertThat(exhausted).hasMessageContaining("no free port left in 33095-33099");
    }
  }

  @Test
  void aMalformedRangeIsRefusedWithAnExample() {
    for (String bad :
        new String[] {"33000", "33050-33000", "80-90", "a-b", "1-2-3", "33000-70000"}) {
      assertThatThrownBy(() -> Ports.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("like 33000-33049");
    }
  }
}
