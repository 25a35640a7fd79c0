package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.steps.ActionRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Executes {@code tls} steps: connects to the host (resolved once and checked by the step's {@link
 * dev.runbooks.activities.Destinations}, like {@code tcp}), completes a TLS handshake that accepts
 * any certificate so that it can be read, and then judges the chain itself: {@code trusted} by the
 * worker's trust store (the JVM's default unless a test gives another), {@code hostnameMatches} for
 * {@code serverName}, {@code daysToExpiry} of the leaf. A connection or handshake that fails is
 * {@code TlsHandshakeFailed} (retryable); the step sends nothing after the handshake.
 */
final class TlsExecutor implements StepExecutor {
  private final X509TrustManager trust;

  /** An executor judging trust with the JVM's default trust store. */
  TlsExecutor() {
    this(defaultTrust());
  }

  /** An executor judging trust with the given trust manager (tests). */
  TlsExecutor(X509TrustManager trust) {
    this.trust = trust;
  }

  @Override
  public String type() {
    return "tls";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    TlsConfig config = TlsConfig.bind(request.config());
    String target = config.host() + ":" + config.port();
    long started = System.nanoTime();
    InetSocketAddress address =
        TcpExecutor.checkedAddress(
            ctx, config.host(), config.port(), StepFailures.TLS_HANDSHAKE_FAILED);
    int timeout = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
    X509Certificate[] chain;
    SSLSession session;
    try (Socket plain = new Socket()) {
      plain.connect(address, timeout);
      plain.setSoTimeout(timeout);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new ReadingTrustManager()}, null);
      try (SSLSocket socket =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(plain, config.serverName(), config.port(), false)) {
        SSLParameters params = socket.getSSLParameters();
        if (!isAddressLiteral(config.serverName())) {
          params.setServerNames(List.of(new SNIHostName(config.serverName())));
        }
        socket.setSSLParameters(params);
        socket.startHandshake();
        session = socket.getSession();
        chain = x509(session.getPeerCertificates());
      }
    } catch (SocketTimeoutException e) {
      throw StepFailures.retryableWithCause(
          target + ": timed out after " + Durations.format(config.timeout()),
          StepFailures.TLS_HANDSHAKE_FAILED,
          e);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw StepFailures.retryableWithCause(
          target + ": " + reason, StepFailures.TLS_HANDSHAKE_FAILED, e);
    }
    return result(config, chain, session, started);
  }

  private Map<String, Object> result(
      TlsConfig config, X509Certificate[] chain, SSLSession session, long started) {
    Instant now = Instant.now();
    X509Certificate leaf = chain[0];
    String trustError = null;
    try {
      trust.checkServerTrusted(chain, "UNKNOWN");
    } catch (java.security.cert.CertificateException | RuntimeException e) {
      trustError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    List<Object> certs = new ArrayList<>();
    for (X509Certificate cert : chain) {
      certs.add(certificate(cert, now));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("host", config.host());
    result.put("port", (long) config.port());
    result.put("serverName", config.serverName());
    result.put("protocol", session.getProtocol());
    result.put("cipherSuite", session.getCipherSuite());
    result.put("subject", leaf.getSubjectX500Principal().getName());
    result.put("issuer", leaf.getIssuerX500Principal().getName());
    result.put("notAfter", leaf.getNotAfter().toInstant().toString());
    result.put("daysToExpiry", days(leaf, now));
    result.put("expired", leaf.getNotAfter().toInstant().isBefore(now));
    result.put("names", TlsNames.names(leaf));
    result.put("hostnameMatches", TlsNames.matches(leaf, config.serverName()));
    result.put("trusted", trustError == null);
    result.put("trustError", trustError);
    result.put("chain", certs);
    result.put("durationMs", (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  private static Map<String, Object> certificate(X509Certificate cert, Instant now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("subject", cert.getSubjectX500Principal().getName());
    c.put("issuer", cert.getIssuerX500Principal().getName());
    c.put("serial", cert.getSerialNumber().toString(16));
    c.put("notBefore", cert.getNotBefore().toInstant().toString());
    c.put("notAfter", cert.getNotAfter().toInstant().toString());
    c.put("daysToExpiry", days(cert, now));
    return c;
  }

  /** Whole days until notAfter, rounded down; negative once expired. */
  private static long days(X509Certificate cert, Instant now) {
    return Math.floorDiv(
        Duration.between(now, cert.getNotAfter().toInstant()).toSeconds(), 86_400L);
  }

  private static X509Certificate[] x509(Certificate[] certs) throws IOException {
    if (certs.length == 0 || !(certs[0] instanceof X509Certificate)) {
      throw new IOException("the server presented no X.509 certificate");
    }
    X509Certificate[] chain = new X509Certificate[certs.length];
    for (int i = 0; i < certs.length; i++) {
      chain[i] = (X509Certificate) certs[i];
    }
    return chain;
  }

  private static boolean isAddressLiteral(String name) {
    return name.contains(":") || name.matches("[0-9.]+");
  }

  private static X509TrustManager defaultTrust() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM's default trust store cannot be read", e);
    }
    throw new IllegalStateException("the JVM has no X.509 trust manager");
  }

  /**
   * Accepts every chain during the handshake so that it can be read; trust is judged afterwards.
   * Nothing is sent over a connection it accepted.
   */
  private static final class ReadingTrustManager implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("a tls step is never a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // read, not judged: see TlsExecutor#result
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
