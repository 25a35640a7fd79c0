package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UrlPathHelper;

/**
 * Which role each endpoint needs (the table in docs/security.md): reading needs viewer; starting,
 * aborting and acknowledging runs, the kill switch and resetting trips operator; approving and
 * rejecting approver; maintenance windows, clearing the quarantine and API tokens admin. On the
 * page, the guard-rail forms that switch and reset need operator, those that change autonomy and
 * freezes admin. Anything not listed needs admin.
 */
public final class SecurityRules {
  /** The actuator endpoints anyone may read; the others need admin. */
  static final String[] PUBLIC_ACTUATOR = {
    "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus"
  };

  private SecurityRules() {}

  /** The rules of the API ({@code /api/**}) and of actuator ({@code /actuator/**}). */
  public static void api(
      AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
    rules
        .requestMatchers(PUBLIC_ACTUATOR)
        .permitAll()
        .requestMatchers("/api/tokens", "/api/tokens/**")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.POST, "/api/maintenance-windows")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.DELETE, "/api/maintenance-windows/**")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.DELETE, "/api/quarantine/**")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.POST, "/api/runbooks/*/runs")
        .hasRole(Role.OPERATOR.name())
        .requestMatchers(
            HttpMethod.POST,
            "/api/runbooks/*/disable",
            "/api/runbooks/*/enable",
            "/api/runbooks/*/limits/reset",
            "/api/automation/disable",
            "/api/automation/enable")
        .hasRole(Role.OPERATOR.name())
        .requestMatchers(HttpMethod.PUT, "/api/runbooks/*/autonomy")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.POST, "/api/freezes")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.DELETE, "/api/freezes/**")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.GET, "/api/alerts/*/explain")
        .hasRole(Role.VIEWER.name())
        .requestMatchers(decision("/api/runs/"))
        .hasRole(Role.APPROVER.name())
        .requestMatchers(HttpMethod.POST, "/api/runs/**")
        .hasRole(Role.OPERATOR.name())
        .requestMatchers(HttpMethod.GET, "/api/**")
        .hasRole(Role.VIEWER.name())
        .anyRequest()
        .hasRole(Role.ADMIN.name());
  }

  /** The rules of the page, the webhooks, actuator and the rest. */
  public static void page(
      AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
    rules
        .requestMatchers("/webhooks/**")
        .permitAll()
        .requestMatchers("/error", "/ui/login", "/ui/ui.css", "/ui/ui.js", "/webjars/**")
        .permitAll()
        .requestMatchers(decision("/ui/runs/"))
        .hasRole(Role.APPROVER.name())
        .requestMatchers(HttpMethod.POST, "/ui/runs/**")
        .hasRole(Role.OPERATOR.name())
        .requestMatchers(
            HttpMethod.POST,
            "/ui/guard-rails/automation/*",
            "/ui/guard-rails/runbooks/*/disable",
            "/ui/guard-rails/runbooks/*/enable",
            "/ui/guard-rails/runbooks/*/reset")
        .hasRole(Role.OPERATOR.name())
        .requestMatchers(HttpMethod.GET, "/ui", "/ui/**")
        .hasRole(Role.VIEWER.name())
        .anyRequest()
        .hasRole(Role.ADMIN.name());
  }

  /**
   * A POST under {@code prefix} whose last path segment (decoded, as the controllers read it) is
   * {@code approve} or {@code reject}.
   */
  static RequestMatcher decision(String prefix) {
    return request -> {
      if (!HttpMethod.POST.matches(request.getMethod())) {
        return false;
      }
      String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
      return path.startsWith(prefix) && (path.endsWith("/approve") || path.endsWith("/reject"));
    };
  }
}
