package dev.runbooks.starter.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of authentication and authorization ({@code runbook.security.*}).
 *
 * @param enabled whether requests must be authenticated; false lets everyone in as an anonymous
 *     admin (logged as a warning at start-up and shown as a banner on every page)
 * @param roles the groups that give each role
 * @param authenticatedRole the role of an authenticated principal in none of those groups
 * @param local the local users (bcrypt hashes)
 * @param oidc the OpenID Connect provider, for bearer JWTs and the page's login
 * @param bootstrap the admin password and API token given at start-up ({@code make run}, tests)
 * @param decisionKey the base64 key that seals decisions (see the decisions' documentation)
 */
@Validated
@ConfigurationProperties("runbook.security")
public record RunbookSecurityProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue Roles roles,
    @DefaultValue("viewer") Role authenticatedRole,
    @DefaultValue Local local,
    @DefaultValue Oidc oidc,
    @DefaultValue Bootstrap bootstrap,
    String decisionKey) {

  /**
   * The groups that give each role.
   *
   * @param viewer groups of viewers
   * @param operator groups of operators
   * @param approver groups of approvers
   * @param admin groups of admins
   */
  public record Roles(
      @DefaultValue("runbook-viewers") List<String> viewer,
      @DefaultValue("runbook-operators") List<String> operator,
      @DefaultValue("runbook-approvers") List<String> approver,
      @DefaultValue("runbook-admins") List<String> admin) {
    /** The groups of one role. */
    public List<String> of(Role role) {
      List<String> groups =
          switch (role) {
            case VIEWER -> viewer;
            case OPERATOR -> operator;
            case APPROVER -> approver;
            case ADMIN -> admin;
          };
      return groups == null ? List.of() : groups;
    }
  }

  /**
   * Local users, for small teams and {@code make run}.
   *
   * @param users the users
   */
  public record Local(@DefaultValue List<User> users) {}

  /**
   * A local user.
   *
   * @param name the login name
   * @param passwordHash the bcrypt hash of the password ({@code $2a$...} or {@code
   *     {bcrypt}$2a$...})
   * @param groups the user's groups
   */
  public record User(String name, String passwordHash, @DefaultValue List<String> groups) {}

  /**
   * The OpenID Connect provider.
   *
   * @param issuerUri the issuer; bearer JWTs must come from it (its JWKS checks their signatures)
   * @param audience the audience bearer JWTs must name; required with {@code issuerUri}, since
   *     without it any token the provider issues to any of its clients would be accepted
   * @param clientId the client of the page's login (authorization code with PKCE); none: no OIDC
   *     login on the page
   * @param clientSecret the client's secret (none: a public client, PKCE only)
   * @param usernameClaim the claim that names the user
   * @param groupsClaim the claim that lists the user's groups
   */
  public record Oidc(
      String issuerUri,
      String audience,
      String clientId,
      String clientSecret,
      @DefaultValue("preferred_username") String usernameClaim,
      @DefaultValue("groups") String groupsClaim) {
    /** Refuses an issuer without an audience: start-up fails with the reason. */
    public Oidc {
      if (issuerUri != null && !issuerUri.isBlank() && (audience == null || audience.isBlank())) {
        throw new IllegalArgumentException(
            "runbook.security.oidc.audience is required with runbook.security.oidc.issuer-uri:"
                + " name the audience the provider puts in access tokens meant for the engine"
                + " (often the client id); without it a token issued to any client of the"
                + " provider would be accepted");
      }
    }

    /** Whether bearer JWTs are accepted. */
    public boolean jwt() {
      return issuerUri != null && !issuerUri.isBlank();
    }

    /** Whether the page offers an OIDC login. */
    public boolean login() {
      return jwt() && clientId != null && !clientId.isBlank();
    }
  }

  /**
   * Credentials created at start-up.
   *
   * @param adminPassword the password of a local user {@code admin} in the admin group (plain text,
   *     hashed in memory)
   * @param token an API token ({@code rbk_...}) registered as {@code bootstrap}, owner {@code
   *     admin}, role admin
   */
  public record Bootstrap(String adminPassword, String token) {}
}
