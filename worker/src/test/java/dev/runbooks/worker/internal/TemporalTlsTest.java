package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.worker.TemporalProperties;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS, mutual TLS and the API key against real TLS gRPC endpoints ({@link TlsFrontend}) with
 * certificates made by keytool: the stubs the worker builds connect, present the client certificate
 * and the key, and a wrong CA, a missing client certificate or a name mismatch fail with a message
 * that says what to set.
 */
class TemporalTlsTest {
  private static final int TLS_PORT = 31110;
  private static final int MTLS_PORT = 31111;
  private static final String SERVER_NAME = "frontend.temporal.test";

  @TempDir static Path dir;
  static Path ca;
  static Path otherCa;
  static TestPki.Identity client;
  static TestPki.Identity rogueClient;
  static TlsFrontend tls;
  static TlsFrontend mtls;

  @BeforeAll
  static void pki() throws Exception {
    TestPki pki = new TestPki(dir);
    ca = pki.ca("test-ca");
    otherCa = pki.ca("other-ca");
    TestPki.Identity server = pki.issue("test-ca", "frontend", "dns:" + SERVER_NAME, "serverAuth");
    client = pki.issue("test-ca", "runbook-worker", null, "clientAuth");
    rogueClient = pki.issue("other-ca", "rogue-worker", null, "clientAuth");
    tls = new TlsFrontend(TLS_PORT, server, null);
    mtls = new TlsFrontend(MTLS_PORT, server, ca);
  }

  @AfterAll
  static void stop() throws Exception {
    if (tls != null) {
      tls.close();
    }
    if (mtls != null) {
      mtls.close();
    }
  }

  @Test
  void tlsWithTheServersCaAndNameConnectsAndSendsTheApiKeyFromAFileReference() throws Exception {
    Path keyFile = dir.resolve("api-key");
    Files.writeString(keyFile, "rbk-test-api-key-123\n", StandardCharsets.UTF_8);
    TemporalConnection connection =
        resolve(
            properties(
                "127.0.0.1:" + TLS_PORT,
                "file:" + keyFile,
                new TemporalProperties.Tls(null, ca.toString(), null, null, SERVER_NAME, null)),
            Map.of());
    assertThat(connection.tls()).isNotNull();
    assertThat(connection.toString()).doesNotContain("rbk-test-api-key-123").contains("API key");

    assertThat(health(connection)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(tls.authorizations).contains("Bearer rbk-test-api-key-123");
  }

  @Test
  void mutualTlsPresentsTheClientCertificate() throws Exception {
    TemporalConnection connection =
        resolve(
            properties(
                "127.0.0.1:" + MTLS_PORT,
                null,
                new TemporalProperties.Tls(
                    true,
                    ca.toString(),
                    client.cert().toString(),
                    client.key().toString(),
                    SERVER_NAME,
                    null)),
            Map.of());
    assertThat(connection.describe()).contains("mutual TLS");
    assertThat(health(connection)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(mtls.clientSubjects).contains("CN=runbook-worker");
  }

  @Test
  void theTemporalEnvironmentVariablesConnectWhenNoPropertyIsSet() throws Exception {
    TemporalConnection connection =
        resolve(
            properties(null, null, emptyTls()),
            Map.of(
                "TEMPORAL_ADDRESS",
                "127.0.0.1:" + MTLS_PORT,
                "TEMPORAL_NAMESPACE",
                "payments",
                "TEMPORAL_API_KEY",
                "env-api-key",
                "TEMPORAL_TLS_SERVER_CA_CERT_DATA",
                Files.readString(ca),
                "TEMPORAL_TLS_CLIENT_CERT_PATH",
                client.cert().toString(),
                "TEMPORAL_TLS_CLIENT_KEY_PATH",
                client.key().toString(),
                "TEMPORAL_TLS_SERVER_NAME",
                SERVER_NAME));
    assertThat(connection.namespace()).isEqualTo("payments");
    assertThat(health(connection)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(mtls.authorizations).contains("Bearer env-api-key");
  }

  @Test
  void aWrongCaFailsAtOnceNamingTheCaFile() {
    TemporalConnection connection =
        resolve(
            properties(
                "127.0.0.1:" + TLS_PORT,
                null,
                new TemporalProperties.Tls(
                    null, otherCa.toString(), null, null, SERVER_NAME, null)),
            Map.of());
    long start = System.nanoTime();
    assertThatThrownBy(() -> ensure(connection, TemporalProperties.SearchAttributes.VERIFY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TLS handshake with Temporal at 127.0.0.1:" + TLS_PORT + " failed")
        .hasMessageContaining("not signed by a CA in runbook.temporal.tls.ca-file (" + otherCa);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void withoutTheClientCertificateTheMutualTlsServerRefusesWithAMessageNamingTheProperties() {
    TemporalConnection connection =
        resolve(
            properties(
                "127.0.0.1:" + MTLS_PORT,
                null,
                new TemporalProperties.Tls(null, ca.toString(), null, null, SERVER_NAME, null)),
            Map.of());
    assertThatThrownBy(() -> ensure(connection, TemporalProperties.SearchAttributes.VERIFY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("requires a client certificate")
        .hasMessageContaining("runbook.temporal.tls.cert-file");
  }

  @Test
  void aClientCertificateFromAnotherCaIsRefused() {
    TemporalConnection connection =
        resolve(
            properties(
                "127.0.0.1:" + MTLS_PORT,
                null,
                new TemporalProperties.Tls(
                    null,
                    ca.toString(),
                    rogueClient.cert().toString(),
                    rogueClient.key().toString(),
                    SERVER_NAME,
                    null)),
            Map.of());
    assertThatThrownBy(() -> ensure(connection, TemporalProperties.SearchAttributes.VERIFY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused the client certificate runbook.temporal.tls.cert-file");
  }

  @Test
  void aNameMismatchNeedsServerNameOrDisabledHostVerificationWhichStillChecksTheChain() {
    TemporalConnection noName =
        resolve(
            properties(
                "127.0.0.1:" + TLS_PORT,
                null,
                new TemporalProperties.Tls(null, ca.toString(), null, null, null, null)),
            Map.of());
    assertThatThrownBy(() -> ensure(noName, TemporalProperties.SearchAttributes.VERIFY))
        .hasMessageContaining("does not name the host of 127.0.0.1:" + TLS_PORT)
        .hasMessageContaining("runbook.temporal.tls.server-name");

    TemporalConnection anyName =
        resolve(
            properties(
                "127.0.0.1:" + TLS_PORT,
                null,
                new TemporalProperties.Tls(null, ca.toString(), null, null, null, true)),
            Map.of());
    assertThat(health(anyName)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    TemporalConnection anyNameWrongCa =
        resolve(
            properties(
                "127.0.0.1:" + TLS_PORT,
                null,
                new TemporalProperties.Tls(null, otherCa.toString(), null, null, null, true)),
            Map.of());
    assertThatThrownBy(() -> ensure(anyNameWrongCa, TemporalProperties.SearchAttributes.VERIFY))
        .hasMessageContaining("not signed by a CA");
  }

  @Test
  void registerDeniedByTheNamespaceGivesTheCreateCommandsAndSaysToUseVerify() {
    TemporalConnection connection =
        resolve(
            properties(
                "127.0.0.1:" + TLS_PORT,
                "cloud-key",
                new TemporalProperties.Tls(null, ca.toString(), null, null, SERVER_NAME, null)),
            Map.of());
    assertThatThrownBy(() -> ensure(connection, TemporalProperties.SearchAttributes.REGISTER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("denies registering search attributes (PERMISSION_DENIED")
        .hasMessageContaining("runbook.temporal.search-attributes=verify")
        .hasMessageContaining(
            "temporal operator search-attribute create --namespace default --name RunbookName"
                + " --type Keyword");
    // The operator calls authenticate as the workflow calls do.
    assertThat(tls.authorizations).contains("Bearer cloud-key");
  }

  static TemporalProperties properties(String target, String apiKey, TemporalProperties.Tls tls) {
    return new TemporalProperties(
        target, null, false, 7233, TemporalProperties.VirtualThreads.OFF, apiKey, tls, null, null);
  }

  static TemporalProperties.Tls emptyTls() {
    return new TemporalProperties.Tls(null, null, null, null, null, null);
  }

  static TemporalConnection resolve(TemporalProperties p, Map<String, String> env) {
    return TemporalConnection.resolve(p, new TemporalEnvironment(env), name -> null);
  }

  private static HealthCheckResponse.ServingStatus health(TemporalConnection connection) {
    WorkflowServiceStubs stubs = stubs(connection);
    try {
      return stubs.healthCheck().getStatus();
    } finally {
      stubs.shutdownNow();
    }
  }

  private static void ensure(
      TemporalConnection connection, TemporalProperties.SearchAttributes mode) {
    WorkflowServiceStubs stubs = stubs(connection);
    try {
      SearchAttributeRegistrar.ensure(stubs, connection, mode, Duration.ofSeconds(10));
    } finally {
      stubs.shutdownNow();
    }
  }

  private static WorkflowServiceStubs stubs(TemporalConnection connection) {
    return WorkflowServiceStubs.newServiceStubs(
        connection.configure(WorkflowServiceStubsOptions.newBuilder()).build());
  }
}
