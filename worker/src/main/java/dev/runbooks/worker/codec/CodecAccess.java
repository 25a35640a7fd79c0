package dev.runbooks.worker.codec;

import dev.runbooks.starter.security.Role;
import dev.runbooks.starter.security.RunbookSecurityProperties;
import dev.runbooks.starter.security.internal.ApiTokens;
import dev.runbooks.starter.security.internal.BearerAuthentication;
import dev.runbooks.starter.security.internal.RoleMapper;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;

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

  private final BearerAuthentication bearer;

  private CodecAccess(BearerAuthentication bearer) {
    this.bearer = bearer;
  }

  /** Everybody may call: {@code auth: none}. */
  static CodecAccess open() {
    return new CodecAccess(null);
  }

  /** Callers with engine API tokens, and OIDC JWTs when the security names an issuer. */
  static CodecAccess tokens(
      ApiTokens tokens, RunbookSecurityProperties security, RoleMapper roles) {
    return new CodecAccess(new BearerAuthentication(security, tokens, roles));
  }

  /** Whether a request with this {@code Authorization} header may do what needs {@code role}. */
  Verdict check(String authorization, Role role) {
    if (bearer == null) {
      return new Verdict(200, "anonymous", null);
    }
    String token = BearerAuthentication.token(authorization);
    if (token == null) {
      return new Verdict(401, null, "an 'Authorization: Bearer' token is required");
    }
    Authentication authentication;
    try {
      authentication = bearer.authenticate(token);
    } catch (AuthenticationException e) {
      return new Verdict(
          401,
          null,
          "the token is unknown, expired, revoked or invalid, or a JWT while no OIDC issuer is"
              + " configured");
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
}
