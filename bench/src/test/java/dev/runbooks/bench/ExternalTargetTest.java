package dev.runbooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.ExternalTemporal;
import dev.runbooks.bench.core.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options of BenchMain's external-server mode (scripts/prod-bench.sh). */
class ExternalTargetTest {
  private static final String SECRET_URL = "postgres://bench:s3cret@127.0.0.1:35432/runbooks";

  @TempDir Path dir;

  private BenchOptions options(Map<String, String> env, String... args) throws IOException {
    String[] all = new String[args.length + 1];
    all[0] = "--work-dir=" + dir;
    System.arraycopy(args, 0, all, 1, args.length);
    return BenchMain.options(BenchMain.parse(all), env);
  }

  @Test
  void withoutAnAddressTheBenchStartsItsOwnDevServerAsBefore() throws IOException {
    BenchOptions options = options(Map.of(ExternalTemporal.DATABASE_URL_ENV, SECRET_URL));

    assertThat(options.external()).isNull();
    assertThat(options.suites()).isEmpty();
    assertThat(options.ports()).isSameAs(Ports.ANY);
    assertThat(options.figures()).isNull();
  }

  @Test
  void anAddressSelectsTheOverheadSuiteOnThatServerInTheBenchNamespace() throws IOException {
    BenchOptions options =
        options(
            Map.of(ExternalTemporal.DATABASE_URL_ENV, SECRET_URL),
            "--temporal-address=127.0.0.1:37233",
            "--ports=33040-33049",
            "--figures=" + dir.resolve("figures"));

    assertThat(options.external())
        .isEqualTo(new ExternalTemporal("127.0.0.1:37233", "runbook-bench", SECRET_URL));
    assertThat(options.suites()).containsExactly("overhead");
    assertThat(options.ports().ranged()).isTrue();
    assertThat(options.figures()).isEqualTo(dir.resolve("figures"));
    assertThat(options.external().toString()).doesNotContain("s3cret");
    assertThat(
            options(
                    Map.of(ExternalTemporal.DATABASE_URL_ENV, SECRET_URL),
                    "--temporal-address=temporal.internal:7233",
                    "--namespace=perf",
                    "--suites=overhead")
                .external()
                .namespace())
        .isEqualTo("perf");
  }

  @Test
  void anExternalServerNeedsTheWorkersDatabaseAndNamesTheVariable() {
    assertThatThrownBy(() -> options(Map.of(), "--temporal-address=127.0.0.1:37233"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BENCH_DATABASE_URL");
  }

  @Test
  void onlyTheOverheadSuiteRunsOnAnExternalServer() {
    assertThatThrownBy(
            () ->
                options(
                    Map.of(ExternalTemporal.DATABASE_URL_ENV, SECRET_URL),
                    "--temporal-address=127.0.0.1:37233",
                    "--suites=overhead,latency"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only the overhead suite")
        .hasMessageContaining("overhead,latency");
  }

  @Test
  void aBadAddressOrANamespaceWithoutAnAddressIsRefused() {
    Map<String, String> env = Map.of(ExternalTemporal.DATABASE_URL_ENV, SECRET_URL);
    assertThatThrownBy(() -> options(env, "--temporal-address=http://127.0.0.1:37233/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--temporal-address must be host:port");
    assertThatThrownBy(() -> options(env, "--namespace=perf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--namespace is for --temporal-address");
  }

  @Test
  void theSuiteListStaysAsGivenOnTheDevServer() throws IOException {
    assertThat(options(Map.of(), "--suites=storm,recovery").suites())
        .isEqualTo(List.of("storm", "recovery"));
  }
}
