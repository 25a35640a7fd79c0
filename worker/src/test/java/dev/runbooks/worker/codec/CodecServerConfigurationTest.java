package dev.runbooks.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** The codec server's start-up checks: encryption must be on, {@code auth: none} needs dev. */
class CodecServerConfigurationTest {
  private static final StaticListableBeanFactory NONE = new StaticListableBeanFactory();
  private static final CodecProperties KEYS =
      new CodecProperties("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])));
  private static final CodecServerProperties OPEN =
      new CodecServerProperties(
          31203,
          "127.0.0.1",
          List.of(),
          CodecServerProperties.Auth.NONE,
          DataSize.ofKilobytes(4),
          1);

  @Test
  void withoutEncryptionStartUpFailsNamingTheKeys() {
    assertThatThrownBy(() -> build(new CodecProperties(null, null), OPEN, new MockEnvironment()))
        .hasMessageContaining("runbook.codec.active-key");
  }

  @Test
  void authNoneNeedsTheDevSwitch() {
    assertThatThrownBy(() -> build(KEYS, OPEN, new MockEnvironment()))
        .hasMessageContaining("runbook.dev.enabled=true")
        .hasMessageContaining("auth=token");
    CodecServer server =
        build(KEYS, OPEN, new MockEnvironment().withProperty("runbook.dev.enabled", "true"));
    assertThat(server.isRunning()).isFalse();
  }

  private static CodecServer build(
      CodecProperties codec, CodecServerProperties server, MockEnvironment environment) {
    return new CodecServerConfiguration()
        .runbookCodecServer(
            codec,
            server,
            "default",
            environment,
            NONE.getBeanProvider(dev.runbooks.starter.security.internal.ApiTokens.class),
            NONE.getBeanProvider(dev.runbooks.starter.security.RunbookSecurityProperties.class),
            NONE.getBeanProvider(dev.runbooks.starter.security.internal.RoleMapper.class),
            NONE.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
  }
}
