package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.Role;
import dev.runbooks.starter.security.RunbookSecurityProperties;
import dev.runbooks.starter.security.UiSecurity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The two filter chains: the API's ({@code /api/**} and actuator's {@code /actuator/**}: stateless
 * bearer tokens, JSON errors, JSON bodies only, no CSRF since no cookie authenticates it) and the
 * rest's (the page's login and session with CSRF tokens, the webhooks, actuator's health).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityChains {
  private static final Logger log = LoggerFactory.getLogger(SecurityChains.class);

  @Bean
  @Order(1)
  SecurityFilterChain runbookApiChain(
      HttpSecurity http, RunbookSecurityProperties properties, ApiTokens tokens, RoleMapper roles)
      throws Exception {
    http.securityMatcher("/api/**", "/actuator/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(JsonErrors.unauthorized())
                    .accessDeniedHandler(JsonErrors.forbidden()))
        .addFilterAfter(new JsonOnlyFilter(), AuthorizationFilter.class);
    if (!properties.enabled()) {
      disabled(http);
      return http.build();
    }
    http.oauth2ResourceServer(
            rs ->
                rs.authenticationManagerResolver(bearer(properties, tokens, roles))
                    .authenticationEntryPoint(JsonErrors.unauthorized())
                    .accessDeniedHandler(JsonErrors.forbidden()))
        .authorizeHttpRequests(SecurityRules::api);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain runbookPageChain(
      HttpSecurity http, RunbookSecurityProperties properties, RoleMapper roles) throws Exception {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/ui/**"));
    http.csrf(c -> c.ignoringRequestMatchers("/webhooks/**"))
        .requestCache(c -> c.requestCache(cache))
        .logout(l -> l.logoutUrl("/ui/logout").logoutSuccessUrl("/ui/login?logout"));
    if (!properties.enabled()) {
      disabled(http);
      return http.build();
    }
    http.exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(UiSecurity.LOGIN),
                        PathPatternRequestMatcher.pathPattern("/ui/**"))
                    .defaultAuthenticationEntryPointFor(JsonErrors.unauthorized(), request -> true))
        .formLogin(
            f ->
                f.loginPage(UiSecurity.LOGIN)
                    .loginProcessingUrl(UiSecurity.LOGIN)
                    .defaultSuccessUrl("/ui")
                    .failureUrl(UiSecurity.LOGIN + "?error"))
        .authorizeHttpRequests(
            rules -> {
              rules
                  .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                  .permitAll();
              SecurityRules.page(rules);
            });
    RunbookSecurityProperties.Oidc oidc = properties.oidc();
    if (oidc.login()) {
      OidcSupport support = new OidcSupport(oidc, roles);
      var clients = support.clients();
      DefaultOAuth2AuthorizationRequestResolver resolver =
          new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
      resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
      http.oauth2Login(
          o ->
              o.loginPage(UiSecurity.LOGIN)
                  .clientRegistrationRepository(clients)
                  .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver))
                  .userInfoEndpoint(u -> u.userAuthoritiesMapper(support.loginAuthorities()))
                  .defaultSuccessUrl("/ui")
                  .failureUrl(UiSecurity.LOGIN + "?error"));
    }
    return http.build();
  }

  /** Everyone is an anonymous admin: {@code runbook.security.enabled=false}. */
  private static void disabled(HttpSecurity http) throws Exception {
    log.warn(
        "runbook.security.enabled=false: every request is let in as an anonymous admin; never"
            + " expose this server to a network");
    http.anonymous(
            a ->
                a.principal(UiSecurity.ANONYMOUS)
                    .authorities(RoleMapper.authorities(Role.ADMIN, List.of())))
        .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
  }

  /** Engine tokens ({@code rbk_...}) and, when an issuer is configured, OIDC JWTs. */
  private static AuthenticationManagerResolver<HttpServletRequest> bearer(
      RunbookSecurityProperties properties, ApiTokens tokens, RoleMapper roles) {
    BearerAuthentication bearer = new BearerAuthentication(properties, tokens, roles);
    return request ->
        bearer.managerFor(BearerAuthentication.token(request.getHeader("Authorization")));
  }
}
