package dev.runbooks.starter.security.internal;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates engine API tokens: a request made with one acts as the token's owner, with the
 * token's role and no groups.
 */
public final class ApiTokenAuthentication implements AuthenticationManager {
  private final ApiTokens tokens;

  /** Checks tokens against {@code tokens}. */
  public ApiTokenAuthentication(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    ApiToken found =
        tokens
            .authenticate(token)
            .orElseThrow(
                () -> new BadCredentialsException("unknown, expired or revoked API token"));
    return new Authenticated(found);
  }

  /** The authentication of a request made with an API token. */
  public static final class Authenticated extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;
    private final String owner;
    private final String tokenName;

    Authenticated(ApiToken token) {
      super(RoleMapper.authorities(token.role(), List.of()));
      this.owner = token.owner();
      this.tokenName = token.name();
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return "";
    }

    @Override
    public Object getPrincipal() {
      return owner;
    }

    /** The name of the token the request was made with. */
    public String tokenName() {
      return tokenName;
    }
  }
}
