package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.runbooks.activities.Destinations;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS over the pinned socket: TLS runs to the checked address with the URL's host as SNI and as
 * the name the certificate is verified against. A real TLS listener with a certificate made by
 * keytool for {@code localhost} only; the JVM's default SSL context trusts it during the test.
 */
class PinnedHttpsTest {
  @TempDir Path dir;
  private HttpsServer server;
  private SSLContext previous;
  private final List<String> hosts = new CopyOnWriteArrayList<>();

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
                "SAN=dns:localhost",
                "-validity",
                "2",
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
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext(
        "/",
        ex -> {
          hosts.add(ex.getRequestHeaders().getFirst("Host"));
          byte[] body = "{\"tls\":true}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    previous = SSLContext.getDefault();
    SSLContext.setDefault(clientContext);
  }

  @AfterEach
  void stop() {
    SSLContext.setDefault(previous);
    server.stop(0);
  }

  private PinnedHttp.Response get(String url) throws Exception {
    return PinnedHttp.send(
        new PinnedHttp.Request(
            "GET", URI.create(url), Map.of(), null, Duration.ofSeconds(10), 1024, 0, false),
        Destinations.open());
  }

  @Test
  void httpsToANameVerifiesTheCertificateAgainstThatName() throws Exception {
    int port = server.getAddress().getPort();

    PinnedHttp.Response response = get("https://localhost:" + port + "/x");

    assertThat(response.status()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"tls\":true}");
    assertThat(hosts).containsExactly("localhost:" + port);
  }

  @Test
  void aCertificateForAnotherNameIsRefused() {
    int port = server.getAddress().getPort();

    assertThatThrownBy(() -> get("https://127.0.0.1:" + port + "/x"))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(hosts).isEmpty();
  }
}
