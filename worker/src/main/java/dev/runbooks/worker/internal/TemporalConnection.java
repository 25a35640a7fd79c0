package dev.runbooks.worker.internal;

import dev.runbooks.activities.SecretReference;
import dev.runbooks.worker.TemporalProperties;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The connection to Temporal as it is used: each setting from its {@code runbook.temporal.*}
 * property when set, else from Temporal's environment configuration ({@link TemporalEnvironment}),
 * else the default. The API key is never part of {@link #toString()} or of any message.
 *
 * @param target the frontend's {@code host:port}
 * @param namespace the namespace
 * @param apiKey the API key, or null
 * @param tls the TLS settings, or null for plaintext
 */
record TemporalConnection(String target, String namespace, String apiKey, Tls tls) {

  /**
   * PEM material and where it was configured (a property or variable name, for messages).
   *
   * @param origin the property or variable it came from
   * @param path the file, or null when the PEM text itself was given
   * @param data the PEM text when {@code path} is null
   */
  record Pem(String origin, Path path, String data) {
    /** Opens the PEM; a missing or unreadable file is a start-up error naming its origin. */
    InputStream open() {
      if (path == null) {
        return new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8));
      }
      try {
        return Files.newInputStream(path);
      } catch (IOException e) {
        throw new IllegalStateException(
            origin + " (" + path + ") cannot be read (" + e.getClass().getSimpleName() + ")", e);
      }
    }

    /** The origin and file for messages. */
    String describe() {
      return path == null ? origin : origin + " (" + path + ")";
    }
  }

  /**
   * TLS to the frontend.
   *
   * @param ca the CA(s) trusted for the server's certificate; null for the JDK's roots
   * @param cert the client certificate for mutual TLS, or null
   * @param key the client certificate's key, or null
   * @param serverName the name the server's certificate must carry, or null for the target's host
   * @param disableHostVerification whether any name signed by the CA is accepted
   */
  record Tls(Pem ca, Pem cert, Pem key, String serverName, boolean disableHostVerification) {
    /** Whether a client certificate is presented. */
    boolean mutual() {
      return cert != null;
    }
  }

  /** Never shows the API key. */
  @Override
  public String toString() {
    return describe();
  }

  /** Target, namespace and security, for logs: never the key itself. */
  String describe() {
    String security = tls == null ? "plaintext" : tls.mutual() ? "mutual TLS" : "TLS";
    return target
        + " namespace '"
        + namespace
        + "' ("
        + security
        + (apiKey == null ? "" : ", API key")
        + ")";
  }

  /** Resolves the connection from the properties and the process environment. */
  static TemporalConnection resolve(TemporalProperties properties) {
    return resolve(properties, TemporalEnvironment.process(), System::getenv);
  }

  /**
   * Resolves the connection: a property that is set wins over Temporal's environment configuration
   * (its variable, then the profile file), which wins over the default. The embedded test server
   * ignores the environment and never uses TLS.
   *
   * @param getenv resolves {@code env:} references of {@code runbook.temporal.api-key}
   * @throws IllegalStateException naming the property or variable when a setting is unusable
   */
  static TemporalConnection resolve(
      TemporalProperties p, TemporalEnvironment env, UnaryOperator<String> getenv) {
    if (p.embedded()) {
      return new TemporalConnection(
          p.effectiveTarget(), or(p.namespace(), TemporalProperties.DEFAULT_NAMESPACE), null, null);
    }
    String target = or(p.target(), env.get(TemporalEnvironment.ADDRESS));
    String namespace = or(p.namespace(), env.get(TemporalEnvironment.NAMESPACE));
    String apiKey =
        blank(p.apiKey())
            ? env.get(TemporalEnvironment.API_KEY)
            : apiKey(p.apiKey().strip(), getenv);
    TemporalProperties.Tls t = p.tls();
    Pem ca =
        pem(
            "runbook.temporal.tls.ca-file",
            t.caFile(),
            env,
            TemporalEnvironment.TLS_CA_PATH,
            TemporalEnvironment.TLS_CA_DATA);
    Pem cert =
        pem(
            "runbook.temporal.tls.cert-file",
            t.certFile(),
            env,
            TemporalEnvironment.TLS_CERT_PATH,
            TemporalEnvironment.TLS_CERT_DATA);
    Pem key =
        pem(
            "runbook.temporal.tls.key-file",
            t.keyFile(),
            env,
            TemporalEnvironment.TLS_KEY_PATH,
            TemporalEnvironment.TLS_KEY_DATA);
    if ((cert == null) != (key == null)) {
      Pem given = cert == null ? key : cert;
      throw new IllegalStateException(
          "mutual TLS needs both a client certificate and its key, but only "
              + given.describe()
              + " is set: set runbook.temporal.tls.cert-file and runbook.temporal.tls.key-file"
              + " (or TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH) together");
    }
    String serverName = or(t.serverName(), env.get(TemporalEnvironment.TLS_SERVER_NAME));
    Boolean noHostCheck =
        t.disableHostVerification() != null
            ? t.disableHostVerification()
            : env.flag(TemporalEnvironment.TLS_DISABLE_HOST_VERIFICATION);
    Boolean enabled = t.enabled() != null ? t.enabled() : env.flag(TemporalEnvironment.TLS);
    boolean tlsOn =
        enabled != null
            ? enabled
            : ca != null
                || cert != null
                || serverName != null
                || Boolean.TRUE.equals(noHostCheck)
                || apiKey != null;
    Tls tls = tlsOn ? new Tls(ca, cert, key, serverName, Boolean.TRUE.equals(noHostCheck)) : null;
    return new TemporalConnection(
        or(target, TemporalProperties.DEFAULT_TARGET),
        or(namespace, TemporalProperties.DEFAULT_NAMESPACE),
        apiKey,
        tls);
  }

  /**
   * Applies target, TLS and the API key to the stubs' options.
   *
   * @throws IllegalStateException naming the property or variable when TLS material is unusable
   */
  WorkflowServiceStubsOptions.Builder configure(WorkflowServiceStubsOptions.Builder options) {
    options.setTarget(target);
    if (tls != null) {
      options.setSslContext(TlsContexts.client(tls));
      if (tls.serverName() != null) {
        String name = tls.serverName();
        options.setChannelInitializer(channel -> channel.overrideAuthority(name));
      }
    }
    if (apiKey != null) {
      String key = apiKey;
      options.addApiKey(() -> key);
    }
    return options;
  }

  /**
   * PEM material: the file of the property when set, else Temporal's path variable, else its data
   * variable (each from the environment or the profile), else null.
   */
  private static Pem pem(
      String property,
      String file,
      TemporalEnvironment env,
      String pathVariable,
      String dataVariable) {
    if (!blank(file)) {
      return new Pem(property, Path.of(file.strip()), null);
    }
    String path = env.get(pathVariable);
    if (path != null) {
      return new Pem(env.origin(pathVariable), Path.of(path), null);
    }
    String data = env.get(dataVariable);
    return data == null ? null : new Pem(env.origin(dataVariable), null, data);
  }

  private static String apiKey(String value, UnaryOperator<String> getenv) {
    if (!SecretReference.isReference(value)) {
      return value;
    }
    try {
      return SecretReference.read(value, getenv);
    } catch (SecretReference.UnavailableException e) {
      throw new IllegalStateException(
          "runbook.temporal.api-key (" + value + ") is unavailable: " + e.getMessage(), e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String or(String value, String fallback) {
    return blank(value) ? fallback : value.strip();
  }
}
