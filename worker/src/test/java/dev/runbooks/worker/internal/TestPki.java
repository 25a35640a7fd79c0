package dev.runbooks.worker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throw-away PKI made with the JDK's {@code keytool}: a CA, certificates it signs (server or
 * client), each written as PEM certificate and PKCS#8 PEM key.
 */
final class TestPki {
  private static final String PASSWORD = "changeit";
  private final Path dir;

  TestPki(Path dir) {
    this.dir = dir;
  }

  /** A PEM certificate and its PEM key. */
  record Identity(Path cert, Path key) {}

  /** A self-signed CA; returns its PEM certificate (its key stays in {@code NAME.p12}). */
  Path ca(String name) throws IOException, InterruptedException {
    Path store = dir.resolve(name + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + name,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Path pem = dir.resolve(name + ".pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        name,
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        pem.toString());
    return pem;
  }

  /**
   * A certificate signed by the CA {@code ca} (made with {@link #ca}).
   *
   * @param san the subjectAltName, e.g. {@code dns:frontend.test,ip:127.0.0.1}; null for none
   * @param usage {@code serverAuth} or {@code clientAuth}
   */
  Identity issue(String ca, String name, String san, String usage)
      throws IOException, InterruptedException {
    Path store = dir.resolve(name + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + name,
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Path csr = dir.resolve(name + ".csr");
    keytool(
        "-certreq",
        "-alias",
        name,
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        csr.toString());
    Path cert = dir.resolve(name + ".pem");
    List<String> args =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-rfc",
                "-alias",
                ca,
                "-keystore",
                dir.resolve(ca + ".p12").toString(),
                "-storepass",
                PASSWORD,
                "-infile",
                csr.toString(),
                "-outfile",
                cert.toString(),
                "-validity",
                "2",
                "-ext",
                "EKU=" + usage));
    if (san != null) {
      args.addAll(List.of("-ext", "SAN=" + san));
    }
    keytool(args.toArray(String[]::new));
    Path key = dir.resolve(name + ".key");
    Files.writeString(key, pkcs8Pem(store, name), StandardCharsets.US_ASCII);
    return new Identity(cert, key);
  }

  private static String pkcs8Pem(Path store, String alias) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      Key key = ks.getKey(alias, PASSWORD.toCharArray());
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Path log = dir.resolve("keytool.log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "keytool " + String.join(" ", args) + " failed: " + Files.readString(log));
    }
  }
}
