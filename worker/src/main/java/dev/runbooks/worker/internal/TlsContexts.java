package dev.runbooks.worker.internal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the gRPC client's TLS context from {@link TemporalConnection.Tls}, and says in words why a
 * handshake failed. Disabling host verification keeps the certificate chain check: only the names
 * in the server's certificate are no longer compared with the target.
 */
final class TlsContexts {
  private TlsContexts() {}

  /**
   * The client context: the CA (or the JDK's roots), the client certificate for mutual TLS.
   *
   * @throws IllegalStateException naming the property or variable whose PEM is unusable
   */
  static SslContext client(TemporalConnection.Tls tls) {
    SslContextBuilder builder = GrpcSslContexts.forClient();
    X509TrustManager trust = trustManager(tls.ca());
    builder.trustManager(tls.disableHostVerification() ? new ChainOnly(trust) : trust);
    if (tls.mutual()) {
      try (InputStream cert = tls.cert().open();
          InputStream key = tls.key().open()) {
        builder.keyManager(cert, key);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException(
            tls.cert().describe()
                + " and "
                + tls.key().describe()
                + " are not a PEM certificate and its PKCS#8 PEM private key ("
                + e.getClass().getSimpleName()
                + ")",
            e);
      }
    }
    try {
      return builder.build();
    } catch (SSLException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot set up TLS to Temporal: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
  }

  private static X509TrustManager trustManager(TemporalConnection.Pem ca) {
    try {
      KeyStore store = null;
      if (ca != null) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Collection<? extends Certificate> certs;
        try (InputStream in = ca.open()) {
          certs =
              java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
          throw new IllegalStateException(ca.describe() + " holds no PEM certificate");
        }
        int i = 0;
        for (Certificate cert : certs) {
          store.setCertificateEntry("ca-" + i++, cert);
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 trust manager");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          (ca == null ? "the JDK's trusted roots" : ca.describe())
              + " cannot be loaded as PEM certificates ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }

  /**
   * Why a call failed when TLS is at fault, in words that say what to set; null when the failure is
   * not a TLS handshake failure.
   */
  static String explain(Throwable failure, TemporalConnection connection) {
    SSLException handshake = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SSLException h) {
        handshake = h;
      }
    }
    if (handshake == null) {
      return null;
    }
    StringBuilder all = new StringBuilder();
    String text = String.valueOf(handshake.getMessage());
    for (Throwable t = handshake; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null) {
        all.append(t.getMessage()).append('\n');
        text = t.getMessage(); // the deepest cause says most
      }
    }
    String lower = all.toString().toLowerCase(Locale.ROOT);
    TemporalConnection.Tls tls = connection.tls();
    String fix;
    if (lower.contains("pkix") || lower.contains("unable to find valid certification path")) {
      fix =
          "the server's certificate is not signed by a CA in "
              + (tls == null || tls.ca() == null
                  ? "the JDK's trusted roots: set runbook.temporal.tls.ca-file to the CA that"
                      + " signed it"
                  : tls.ca().describe()
                      + ": point it at the CA that signed the server's certificate");
    } else if (lower.contains("subject alternative name") || lower.contains("no name matching")) {
      fix =
          "the server's certificate does not name the host of "
              + connection.target()
              + ": set runbook.temporal.tls.server-name to a name it carries"
              + " (or runbook.temporal.tls.disable-host-verification=true)";
    } else if (lower.contains("certificate_required") || lower.contains("bad_certificate")) {
      fix =
          tls != null && tls.mutual()
              ? "the server refused the client certificate "
                  + tls.cert().describe()
                  + ": it must be signed by a CA the server trusts"
              : "the server requires a client certificate (mutual TLS): set"
                  + " runbook.temporal.tls.cert-file and runbook.temporal.tls.key-file";
    } else {
      fix = "check runbook.temporal.tls.* (or the TEMPORAL_TLS_* variables)";
    }
    return "TLS handshake with Temporal at "
        + connection.target()
        + " failed: "
        + fix
        + " ("
        + text
        + ")";
  }

  /** Checks the chain against the CA but not the names in the certificate. */
  private static final class ChainOnly extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;

    ChainOnly(X509TrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
