package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepFailures;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tls} step against a real TLS listener on loopback whose self-signed certificate (made
 * by keytool for {@code localhost}, valid 30 days) is trusted only by a trust manager built from
 * the same keystore.
 */
class TlsExecutorTest {
  @TempDir Path dir;
  private SSLServerSocket server;
  private Thread acceptor;
  private X509TrustManager trustingIt;

  @BeforeEach
  void start() throws Exception {
    Path keystore = dir.resolve("tls.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "tls",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "30",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(out).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keystore.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    trustingIt = (X509TrustManager) tmf.getTrustManagers()[0];
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    server =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                  s.startHandshake();
                  s.getInputStream().read(); // until the client closes
                } catch (IOException e) {
                  // the client went away or the test closed the listener
                }
              }
            },
            "tls-test-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join();
  }

  private Map<String, Object> config(String serverName) {
    return serverName == null
        ? Map.of("host", "127.0.0.1", "port", server.getLocalPort(), "timeout", "5s")
        : Map.of("host", "127.0.0.1", "port", server.getLocalPort(), "serverName", serverName);
  }

  @Test
  void readsTheChainExpiryTrustAndHostName() {
    Map<String, Object> result = run(new TlsExecutor(trustingIt), config("localhost"));

    assertThat(result)
        .containsEntry("host", "127.0.0.1")
        .containsEntry("serverName", "localhost")
        .containsEntry("subject", "CN=localhost")
        .containsEntry("trusted", true)
        .containsEntry("hostnameMatches", true)
        .containsEntry("expired", false)
        .containsEntry("names", List.of("localhost", "127.0.0.1"));
    assertThat((Long) result.get("daysToExpiry")).isBetween(28L, 30L);
    assertThat((List<?>) result.get("chain")).hasSize(1);
    assertThat(result.get("protocol")).asString().startsWith("TLS");
  }

  @Test
  void anAddressIsVerifiedAgainstTheIpNames() {
    assertThat(run(new TlsExecutor(trustingIt), config(null)))
        .containsEntry("serverName", "127.0.0.1")
        .containsEntry("hostnameMatches", true);
  }

  @Test
  void anotherNameOrAnUnknownIssuerIsAResultNotAFailure() {
    Map<String, Object> result = run(new TlsExecutor(), config("api.example.com"));

    assertThat(result).containsEntry("hostnameMatches", false).containsEntry("trusted", false);
    assertThat(result.get("trustError")).isNotNull();
  }

  @Test
  void aPortWithoutTlsIsTlsHandshakeFailed() throws IOException {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread closer =
          new Thread(
              () -> {
                try (var s = plain.accept()) {
                  s.getOutputStream()
                      .write("HTTP/1.0 400 no\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  // the client went away
                }
              });
      closer.setDaemon(true);
      closer.start();
      var failure =
          failure(
              new TlsExecutor(),
              Map.of("host", "127.0.0.1", "port", plain.getLocalPort(), "timeout", "5s"),
              StepFailures.TLS_HANDSHAKE_FAILED,
              true);
      assertThat(failure.getOriginalMessage()).startsWith("127.0.0.1:" + plain.getLocalPort());
      closer.interrupt();
    }
  }
}
