package dev.runbooks.starter.security;

import dev.runbooks.starter.RunbookApiProperties;
import dev.runbooks.starter.intake.AlertIntakeAutoConfiguration;
import dev.runbooks.starter.security.internal.ApiTokens;
import dev.runbooks.starter.security.internal.HostAllowlistFilter;
import dev.runbooks.starter.security.internal.JdbiTokenStore;
import dev.runbooks.starter.security.internal.LocalUsers;
import dev.runbooks.starter.security.internal.MemoryTokenStore;
import dev.runbooks.starter.security.internal.RoleMapper;
import dev.runbooks.starter.security.internal.SecurityChains;
import dev.runbooks.starter.security.internal.TokensController;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Authentication and authorization of the API and the page ({@code runbook.security.*}): engine API
 * tokens and OIDC bearer JWTs for {@code /api}, a login page (local users, OIDC) with a session and
 * CSRF tokens for {@code /ui}, roles from groups, a {@code Host} allowlist in front of everything.
 * The webhooks keep their own per-source authentication.
 */
@AutoConfiguration(
    after = AlertIntakeAutoConfiguration.class,
    before = {
      SecurityAutoConfiguration.class,
      ServletWebSecurityAutoConfiguration.class,
      UserDetailsServiceAutoConfiguration.class
    })
@EnableWebSecurity
@EnableConfigurationProperties({RunbookSecurityProperties.class, RunbookApiProperties.class})
@Import({SecurityChains.class, TokensController.class})
public class RunbookSecurityAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(RunbookSecurityAutoConfiguration.class);

  @Bean
  RoleMapper runbookRoleMapper(RunbookSecurityProperties properties) {
    return new RoleMapper(properties);
  }

  @Bean
  ApiTokens runbookApiTokens(ObjectProvider<Jdbi> jdbi, RunbookSecurityProperties properties) {
    Jdbi database = jdbi.getIfUnique();
    if (database == null) {
      log.info("API tokens are kept in memory: this application has no database");
    }
    ApiTokens tokens =
        new ApiTokens(
            database == null ? new MemoryTokenStore() : new JdbiTokenStore(database),
            Clock.systemUTC());
    String bootstrap = properties.bootstrap().token();
    if (bootstrap != null && !bootstrap.isBlank()) {
      tokens.register(bootstrap.strip(), "bootstrap", "admin", Role.ADMIN);
    }
    return tokens;
  }

  @Bean
  UserDetailsService runbookLocalUsers(RunbookSecurityProperties properties, RoleMapper roles) {
    return LocalUsers.of(properties, roles);
  }

  @Bean
  FilterRegistrationBean<HostAllowlistFilter> runbookHostAllowlist(RunbookApiProperties api) {
    HostAllowlistFilter filter = new HostAllowlistFilter(api.allowedHosts(), api.publicUrl());
    log.info("answering requests for the hosts {}", filter.hosts());
    FilterRegistrationBean<HostAllowlistFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  @Bean
  CookieSameSiteSupplier runbookSessionCookieSameSite() {
    return CookieSameSiteSupplier.ofLax().whenHasName("JSESSIONID");
  }
}
