package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.worker.TemporalProperties.VirtualThreads;
import org.junit.jupiter.api.Test;

class VirtualThreadsTest {

  @Test
  void autoUsesVirtualThreadsFromJava21() {
    assertThat(VirtualThreads.AUTO.enabled(17)).isFalse();
    assertThat(VirtualThreads.AUTO.enabled(21)).isTrue();
    assertThat(VirtualThreads.AUTO.enabled(25)).isTrue();
  }

  @Test
  void offNeverAndOnOnlyWhereTheJdkHasThem() {
    assertThat(VirtualThreads.OFF.enabled(25)).isFalse();
    assertThat(VirtualThreads.ON.enabled(25)).isTrue();
    assertThatThrownBy(() -> VirtualThreads.ON.enabled(17))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("runbook.temporal.virtual-threads=on needs Java 21 or later; this is Java 17");
  }
}
