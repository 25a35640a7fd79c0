package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.RunbookSecurityProperties;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Who a bearer token is: an engine API token ({@code rbk_...}) is checked against the token store,
 * any other token is an OIDC JWT when an issuer is configured and refused otherwise. The API's
 * security chain and the worker's codec server both read tokens this way.
 */
public final class BearerAuthentication {
  private final AuthenticationManager engine;
  private final AuthenticationManager jwt;

  /** Engine tokens from {@code tokens}; JWTs when {@code properties} name an issuer. */
  public BearerAuthentication(
      RunbookSecurityProperties properties, ApiTokens tokens, RoleMapper roles) {
    this.engine = new ApiTokenAuthentication(tokens);
    if (properties.oidc().jwt()) {
      OidcSupport support = new OidcSupport(properties.oidc(), roles);
      JwtAuthenticationProvider provider = new JwtAuthenticationProvider(support.decoder());
      provider.setJwtAuthenticationConverter(support::authentication);
      this.jwt = new ProviderManager(provider);
    } else {
      this.jwt =
          authentication -> {
            throw new BadCredentialsException(
                "not an API token, and no OIDC issuer is configured for JWTs");
          };
    }
  }

  /** The token of an {@code Authorization: Bearer} header, or null when it carries none. */
  public static String token(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).strip();
  }

  /** The manager that checks this token (null: one that refuses it). */
  public AuthenticationManager managerFor(String token) {
    return token != null && token.startsWith(ApiTokens.PREFIX) ? engine : jwt;
  }

  /**
   * Authenticates a bearer token.
   *
   * @throws org.springframework.security.core.AuthenticationException when it is unknown, expired,
   *     revoked or invalid, or a JWT while no issuer is configured
   */
  public Authentication authenticate(String token) {
    return managerFor(token).authenticate(new BearerTokenAuthenticationToken(token));
  }
}
