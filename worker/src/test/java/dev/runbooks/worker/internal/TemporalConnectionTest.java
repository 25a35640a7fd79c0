package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.worker.TemporalProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The precedence of the connection's settings: a {@code runbook.temporal.*} property wins over its
 * {@code TEMPORAL_*} variable, which wins over the default.
 */
class TemporalConnectionTest {
  private static final Map<String, String> ENV =
      Map.of(
          "TEMPORAL_ADDRESS", "env-host:7233",
          "TEMPORAL_NAMESPACE", "env-ns",
          "TEMPORAL_API_KEY", "env-key");

  @Test
  void propertiesWinOverTheEnvironmentWhichWinsOverTheDefaults() {
    TemporalConnection fromProperties =
        resolve(
            bind(
                Map.of(
                    "runbook.temporal.target", "prop-host:7233",
                    "runbook.temporal.namespace", "prop-ns",
                    "runbook.temporal.api-key", "env:MY_KEY")),
            ENV);
    assertThat(fromProperties.target()).isEqualTo("prop-host:7233");
    assertThat(fromProperties.namespace()).isEqualTo("prop-ns");
    assertThat(fromProperties.apiKey()).isEqualTo("referenced-key");

    TemporalConnection fromEnvironment = resolve(bind(Map.of()), ENV);
    assertThat(fromEnvironment.target()).isEqualTo("env-host:7233");
    assertThat(fromEnvironment.namespace()).isEqualTo("env-ns");
    assertThat(fromEnvironment.apiKey()).isEqualTo("env-key");

    TemporalConnection defaults = resolve(bind(Map.of()), Map.of());
    assertThat(defaults.target()).isEqualTo("127.0.0.1:7233");
    assertThat(defaults.namespace()).isEqualTo("default");
    assertThat(defaults.apiKey()).isNull();
    assertThat(defaults.tls()).isNull();
  }

  @Test
  void anApiKeyTurnsTlsOnUnlessTlsIsExplicitlyOff() {
    assertThat(resolve(bind(Map.of()), ENV).tls()).isNotNull();
    assertThat(resolve(bind(Map.of("runbook.temporal.tls.enabled", "false")), ENV).describe())
        .isEqualTo("env-host:7233 namespace 'env-ns' (plaintext, API key)");
    assertThat(
            resolve(bind(Map.of()), Map.of("TEMPORAL_API_KEY", "k", "TEMPORAL_TLS", "false")).tls())
        .isNull();
    assertThat(resolve(bind(Map.of("runbook.temporal.tls.enabled", "true")), Map.of()).describe())
        .isEqualTo("127.0.0.1:7233 namespace 'default' (TLS)");
  }

  @Test
  void tlsPropertiesWinOverTheirVariables() {
    TemporalConnection c =
        resolve(
            bind(
                Map.of(
                    "runbook.temporal.tls.ca-file", "/prop/ca.pem",
                    "runbook.temporal.tls.server-name", "prop.name")),
            Map.of(
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH", "/env/ca.pem",
                "TEMPORAL_TLS_SERVER_NAME", "env.name",
                "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION", "true"));
    assertThat(c.tls().ca().path()).hasToString("/prop/ca.pem");
    assertThat(c.tls().ca().origin()).isEqualTo("runbook.temporal.tls.ca-file");
    assertThat(c.tls().serverName()).isEqualTo("prop.name");
    assertThat(c.tls().disableHostVerification()).isTrue();
  }

  @Test
  void theApiKeyNeverAppearsInTextAndAMissingReferenceNamesTheProperty() {
    TemporalConnection c =
        resolve(bind(Map.of("runbook.temporal.api-key", "literal-secret-value")), Map.of());
    assertThat(c.toString()).doesNotContain("literal-secret-value").contains("API key");

    assertThatThrownBy(
            () -> resolve(bind(Map.of("runbook.temporal.api-key", "env:ABSENT")), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "runbook.temporal.api-key (env:ABSENT) is unavailable: the process has no"
                + " environment variable by that name");
  }

  @Test
  void badSettingsStopStartUpNamingWhatToSet() {
    assertThatThrownBy(
            () -> resolve(bind(Map.of("runbook.temporal.tls.cert-file", "/c.pem")), Map.of()))
        .hasMessageContaining("only runbook.temporal.tls.cert-file (/c.pem) is set")
        .hasMessageContaining("runbook.temporal.tls.key-file");
    assertThatThrownBy(() -> resolve(bind(Map.of()), Map.of("TEMPORAL_TLS", "maybe")))
        .hasMessage("TEMPORAL_TLS must be true or false; it is 'maybe'");
    TemporalConnection missingCa =
        resolve(bind(Map.of("runbook.temporal.tls.ca-file", "/nonexistent/ca.pem")), Map.of());
    assertThatThrownBy(() -> TlsContexts.client(missingCa.tls()))
        .hasMessageContaining("runbook.temporal.tls.ca-file (/nonexistent/ca.pem) cannot be read");
  }

  @Test
  void theEmbeddedServerIgnoresTheEnvironment() {
    TemporalConnection c =
        resolve(
            bind(
                Map.of(
                    "runbook.temporal.embedded", "true", "runbook.temporal.embedded-port", "7999")),
            ENV);
    assertThat(c.describe()).isEqualTo("127.0.0.1:7999 namespace 'default' (plaintext)");
  }

  @Test
  void aProfileOfTheConfigFileFillsWhatNeitherPropertiesNorVariablesSet(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("temporal.toml");
    Files.writeString(
        file,
        """
        [profile.default]
        address = "localhost:7233"

        [profile.prod]
        address = "prod.tmprl.cloud:7233"
        namespace = "prod-ns"
        api_key = "profile-key"

        [profile.prod.tls]
        server_ca_cert_path = "/profile/ca.pem"
        server_name = "prod.name"
        """);
    TemporalEnvironment env =
        TemporalEnvironment.load(
            Map.of(
                "TEMPORAL_CONFIG_FILE", file.toString(),
                "TEMPORAL_PROFILE", "prod",
                "TEMPORAL_NAMESPACE", "env-ns"),
            "/nonexistent-home");
    TemporalConnection c =
        TemporalConnection.resolve(
            bind(Map.of("runbook.temporal.tls.server-name", "prop.name")), env, n -> null);
    assertThat(c.target()).isEqualTo("prod.tmprl.cloud:7233"); // the profile
    assertThat(c.namespace()).isEqualTo("env-ns"); // a variable beats the profile
    assertThat(c.apiKey()).isEqualTo("profile-key");
    assertThat(c.tls().serverName()).isEqualTo("prop.name"); // a property beats both
    assertThat(c.tls().ca().origin())
        .isEqualTo("profile 'prod' of " + file + ", key tls.server_ca_cert_path");

    assertThatThrownBy(
            () ->
                TemporalEnvironment.load(
                    Map.of("TEMPORAL_CONFIG_FILE", file.toString(), "TEMPORAL_PROFILE", "qa"),
                    null))
        .hasMessage("TEMPORAL_PROFILE names profile 'qa', which " + file + " does not have");
  }

  @Test
  void theDefaultProfileOfTheDefaultFileIsReadAndATlsTableCanDisableTls(@TempDir Path home)
      throws Exception {
    Path file = home.resolve(".config/temporalio/temporal.toml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        [profile.default]
        address = "self-hosted:7233"
        api_key = "k"
        [profile.default.tls]
        disabled = true
        """);
    TemporalConnection c =
        TemporalConnection.resolve(
            bind(Map.of()), TemporalEnvironment.load(Map.of(), home.toString()), n -> null);
    assertThat(c.describe()).isEqualTo("self-hosted:7233 namespace 'default' (plaintext, API key)");
    assertThat(
            TemporalConnection.resolve(
                    bind(Map.of()),
                    TemporalEnvironment.load(Map.of(), home.resolve("elsewhere").toString()),
                    n -> null)
                .target())
        .isEqualTo("127.0.0.1:7233");
  }

  static TemporalProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("runbook.temporal", Bindable.of(TemporalProperties.class));
  }

  private static TemporalConnection resolve(TemporalProperties p, Map<String, String> env) {
    return TemporalConnection.resolve(
        p, new TemporalEnvironment(env), name -> name.equals("MY_KEY") ? "referenced-key" : null);
  }
}
