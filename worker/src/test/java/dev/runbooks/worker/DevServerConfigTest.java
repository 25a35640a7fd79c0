package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tests' dev servers and the scripts' get the same dynamic configuration, the production
 * server's file read by two readers: {@link DevServerConfig} here and scripts/lib/dev-server.sh.
 */
class DevServerConfigTest {

  @Test
  void theTestsAndTheScriptsPassTheSameValues() throws Exception {
    Path lib = Path.of("..", "scripts", "lib", "dev-server.sh").toAbsolutePath().normalize();
    Process bash =
        new ProcessBuilder(
                "bash",
                "-c",
                ". \"$1\"; printf '%s\\n' \"${DEV_SERVER_DYNAMIC_CONFIG[@]}\"",
                "bash",
                lib.toString())
            .redirectErrorStream(true)
            .start();
    String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(printed).isZero();
    assertThat(printed.lines().toList()).isEqualTo(DevServerConfig.arguments());
  }

  @Test
  void theTransferQueueIsNotThrottledOnAnyDevServer() {
    List<String> arguments = DevServerConfig.arguments();
    assertThat(arguments)
        .containsSubsequence("--dynamic-config-value", "history.transferProcessorMaxPollRPS=1000")
        .containsSubsequence("--dynamic-config-value", "system.enableActivityEagerExecution=true");
  }
}
