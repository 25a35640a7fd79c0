package dev.runbooks.starter.security.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect issuer in the test JVM: Spring Authorization Server on a port of its own,
 * with a discovery document, a JWKS whose key can be rotated, a login form for alice (group
 * runbook-approvers, password alice-password) and bob (no group, bob-password), and clients whose
 * client-credentials tokens are valid ({@code runbooks}: groups runbook-approvers, name ci-bot) or
 * wrong in one way each ({@code expired}, {@code stranger} for another audience, {@code forger} for
 * another issuer claim), all signed with the issuer's key.
 */
public final class TestIssuer {
  private static final Keys KEYS = new Keys();

  private final ConfigurableApplicationContext app;
  private final String issuer;

  private TestIssuer(ConfigurableApplicationContext app, String issuer) {
    this.app = app;
    this.issuer = issuer;
  }

  /**
   * Starts an issuer; {@code redirectUri} is the login's redirect URI of the {@code runbooks}
   * client.
   */
  public static TestIssuer start(String redirectUri) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // 127.0.0.1, not localhost: cookies ignore ports, and the application under test is on
    // localhost with a session cookie of the same name.
    String issuer = "http://127.0.0.1:" + port;
    String c = "--spring.security.oauth2.authorizationserver.client.";
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--server.port=" + port,
                "--spring.security.oauth2.authorizationserver.issuer=" + issuer,
                "--spring.autoconfigure.exclude="
                    + "dev.runbooks.starter.RunbookApiAutoConfiguration,"
                    + "dev.runbooks.starter.ui.RunbookUiAutoConfiguration,"
                    + "dev.runbooks.starter.intake.AlertIntakeAutoConfiguration,"
                    + "dev.runbooks.starter.security.RunbookSecurityAutoConfiguration",
                "--spring.main.banner-mode=off"));
    for (String client : List.of("runbooks", "expired", "stranger", "forger")) {
      args.add(c + client + ".registration.client-id=" + client);
      args.add(c + client + ".registration.client-secret={noop}" + client + "-secret");
      args.add(c + client + ".registration.client-authentication-methods=client_secret_basic");
      args.add(
          c
              + client
              + ".registration.authorization-grant-types=client_credentials,authorization_code");
      args.add(c + client + ".registration.redirect-uris=" + redirectUri);
      args.add(c + client + ".registration.scopes=openid,profile,email");
    }
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new));
    return new TestIssuer(app, issuer);
  }

  /** The issuer URI. */
  public String issuer() {
    return issuer;
  }

  /** A client-credentials access token of {@code client}, signed with the current key. */
  public String token(String client) throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString((client + ":" + client + "-secret").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("no token: " + answer.statusCode() + " " + answer.body());
    }
    return answer.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  /** Replaces the signing key: the JWKS publishes only the new one from now on. */
  public void rotateKeys() {
    KEYS.rotate();
  }

  /** Stops the issuer. */
  public void stop() {
    app.close();
  }

  /** The issuer's application: Spring Authorization Server's auto-configuration and these beans. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  public static class Application {
    @Bean
    JWKSource<SecurityContext> jwkSource() {
      return KEYS;
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
      return TestIssuer.claims();
    }

    /** The people of the issuer's login form: alice (an approver) and bob (no group). */
    @Bean
    UserDetailsService people() {
      return new InMemoryUserDetailsManager(
          User.withUsername("alice").password("{noop}alice-password").roles("USER").build(),
          User.withUsername("bob").password("{noop}bob-password").roles("USER").build());
    }
  }

  private static OAuth2TokenCustomizer<JwtEncodingContext> claims() {
    return context -> {
      String client = context.getRegisteredClient().getClientId();
      var claims = context.getClaims();
      boolean person =
          context.getAuthorizationGrantType().equals(AuthorizationGrantType.AUTHORIZATION_CODE);
      String name =
          person ? context.getPrincipal().getName() : client.equals("runbooks") ? "ci-bot" : client;
      claims.claim("preferred_username", name);
      claims.claim("groups", name.equals("bob") ? List.of() : List.of("runbook-approvers"));
      Instant now = Instant.now();
      switch (client) {
        case "expired" -> claims.issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(300));
        case "forger" -> claims.issuer("http://evil.example");
        default -> {}
      }
    };
  }

  /** The issuer's keys: one RSA key at a time. */
  static final class Keys implements JWKSource<SecurityContext> {
    private volatile JWKSet set = new JWKSet(newKey());

    void rotate() {
      set = new JWKSet(newKey());
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
      return selector.select(set);
    }

    private static RSAKey newKey() {
      try {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      } catch (com.nimbusds.jose.JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
