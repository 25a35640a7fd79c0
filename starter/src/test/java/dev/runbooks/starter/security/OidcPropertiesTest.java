package dev.runbooks.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The OIDC settings refuse an issuer without an audience, so that the audience is always checked.
 */
class OidcPropertiesTest {
  @Test
  void anIssuerNeedsAnAudience() {
    assertThatThrownBy(
            () ->
                new RunbookSecurityProperties.Oidc(
                    "https://issuer.example", " ", null, null, "preferred_username", "groups"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "runbook.security.oidc.audience is required with runbook.security.oidc.issuer-uri");
  }

  @Test
  void withoutAnIssuerNothingIsNeeded() {
    RunbookSecurityProperties.Oidc none =
        new RunbookSecurityProperties.Oidc(null, null, null, null, "preferred_username", "groups");
    assertThat(none.jwt()).isFalse();
    assertThat(none.login()).isFalse();
    assertThat(
            new RunbookSecurityProperties.Oidc(
                    "https://issuer.example",
                    "runbooks",
                    null,
                    null,
                    "preferred_username",
                    "groups")
                .jwt())
        .isTrue();
  }
}
