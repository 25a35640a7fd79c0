package dev.runbooks.worker.codec;

import dev.runbooks.starter.security.Role;
import dev.runbooks.starter.security.RunbookSecurityProperties;
import dev.runbooks.starter.security.internal.ApiTokenAuthentication;
import dev.runbooks.starter.security.internal.ApiTokens;
import dev.runbooks.starter.security.internal.OidcSupport;
import dev.runbooks.starter.security.internal.RoleMapper;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Who may call the codec server: the bearer token of a request checked the way the engine's API
 * checks it (an engine API token, or an OIDC JWT when an issuer is configured), and the role it
 * gives compared with the one the endpoint needs. With {@code auth: none} everybody may.
 */
final class CodecAccess {
  /** The answer for one request. */
  record Verdict(int status, String principal, String reason) {
    boolean allowed() {
      return status == 200;
    }
  }

  private final boolean open;
  private final AuthenticationManager tokens;
  private final JwtDecoder jwt;
  private final OidcSupport oidc;

  private CodecAccess(
      boolean open, AuthenticationManager tokens, JwtDecoder jwt, OidcSupport oidc) {
    this.open = open;
    this.tokens = tokens;
    this.jwt = jwt;
    this.oidc = oidc;
  }

  /** Everybody may call: {@code auth: none}. */
  static CodecAccess open() {
    return new CodecAccess(true, null, null, null);
  }

  /** Callers with engine API tokens, and OIDC JWTs when the security names an issuer. */
  static CodecAccess tokens(
      ApiTokens tokens, RunbookSecurityProperties security, RoleMapper roles) {
    OidcSupport oidc = security.oidc().jwt() ? new OidcSupport(security.oidc(), roles) : null;
    return new CodecAccess(
        false, new ApiTokenAuthentication(tokens), oidc == null ? null : oidc.decoder(), oidc);
  }

  /** Whether a request with this {@code Authorization} header may do what needs {@code role}. */
  Verdict check(String authorization, Role role) {
    if (open) {
      return new Verdict(200, "anonymous", null);
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Verdict(401, null, "an 'Authorization: Bearer' token is required");
    }
    String token = authorization.substring(7).strip();
    Authentication authentication;
    try {
      authentication = authenticate(token);
    } catch (AuthenticationException | JwtException e) {
      return new Verdict(401, null, "the token is unknown, expired, revoked or invalid");
    }
    if (authentication == null) {
      return new Verdict(
          401, null, "the token is not an engine API token, and no OIDC issuer is configured");
    }
    String wanted = "ROLE_" + role.name();
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if (wanted.equals(authority.getAuthority())) {
        return new Verdict(200, authentication.getName(), null);
      }
    }
    return new Verdict(
        403, authentication.getName(), "this needs the role " + role.wire() + " or higher");
  }

  private Authentication authenticate(String token) {
    if (token.startsWith(ApiTokens.PREFIX)) {
      return tokens.authenticate(new BearerTokenAuthenticationToken(token));
    }
    if (jwt == null) {
      return null;
    }
    return oidc.authentication(jwt.decode(token));
  }
}
