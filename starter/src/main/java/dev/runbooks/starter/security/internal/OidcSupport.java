package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.RunbookSecurityProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.function.SingletonSupplier;

/**
 * The OpenID Connect provider's parts: a JWT decoder checking signature (the issuer's JWKS, fetched
 * again when a key is unknown: rotated keys work), expiry, issuer and audience; the mapping of a
 * token's claims to a name, groups and role; and the page login's client registration
 * (authorization code with PKCE). Discovery happens on first use, so the application starts while
 * the provider is down.
 */
public final class OidcSupport {
  /** The registration id of the page's login: its URL is {@code /oauth2/authorization/oidc}. */
  public static final String REGISTRATION = "oidc";

  private final RunbookSecurityProperties.Oidc oidc;
  private final RoleMapper roles;

  /** The provider {@code oidc} describes, mapped to roles by {@code roles}. */
  public OidcSupport(RunbookSecurityProperties.Oidc oidc, RoleMapper roles) {
    this.oidc = oidc;
    this.roles = roles;
  }

  /** The decoder of bearer JWTs. */
  public JwtDecoder decoder() {
    String issuer = oidc.issuerUri();
    return new SupplierJwtDecoder(
        () -> {
          NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuer);
          List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
          validators.add(JwtValidators.createDefaultWithIssuer(issuer));
          validators.add(audience(oidc.audience()));
          decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
          return decoder;
        });
  }

  /** The authentication of a request with a valid JWT. */
  public JwtAuthenticationToken authentication(Jwt jwt) {
    List<String> groups = groups(jwt.getClaim(oidc.groupsClaim()));
    String name = jwt.getClaimAsString(oidc.usernameClaim());
    return new JwtAuthenticationToken(
        jwt, roles.authorities(groups), name == null || name.isBlank() ? jwt.getSubject() : name);
  }

  /** Maps the login's OIDC user to role and group authorities from its groups claim. */
  public GrantedAuthoritiesMapper loginAuthorities() {
    return authorities -> {
      Set<GrantedAuthority> mapped = new HashSet<>();
      for (GrantedAuthority authority : authorities) {
        if (authority instanceof OidcUserAuthority user) {
          Object claim = user.getIdToken().getClaim(oidc.groupsClaim());
          if (claim == null && user.getUserInfo() != null) {
            claim = user.getUserInfo().getClaim(oidc.groupsClaim());
          }
          mapped.addAll(roles.authorities(groups(claim)));
        }
      }
      return mapped;
    };
  }

  /** The page login's client, discovered from the issuer on first use. */
  public ClientRegistrationRepository clients() {
    Supplier<ClientRegistration> registration =
        SingletonSupplier.of(
            () -> {
              ClientRegistration.Builder builder =
                  ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                      .registrationId(REGISTRATION)
                      .clientId(oidc.clientId())
                      .scope("openid", "profile", "email")
                      .userNameAttributeName(oidc.usernameClaim());
              if (oidc.clientSecret() == null || oidc.clientSecret().isBlank()) {
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
              } else {
                builder.clientSecret(oidc.clientSecret());
              }
              return builder.build();
            });
    return id -> REGISTRATION.equals(id) ? registration.get() : null;
  }

  private static OAuth2TokenValidator<Jwt> audience(String audience) {
    OAuth2Error error =
        new OAuth2Error("invalid_token", "the token is not meant for this audience", null);
    return jwt ->
        jwt.getAudience() != null && jwt.getAudience().contains(audience)
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(error);
  }

  private static List<String> groups(Object claim) {
    if (claim instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (claim instanceof String text && !text.isBlank()) {
      return List.of(text.split("[ ,]+"));
    }
    return List.of();
  }
}
