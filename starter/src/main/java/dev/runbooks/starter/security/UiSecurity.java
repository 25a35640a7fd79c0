package dev.runbooks.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the page's writers need from security: the CSRF token every form carries, who is signed in,
 * and whether security is off (a banner then says so).
 */
public final class UiSecurity {
  /** The login page, and where its form posts. */
  public static final String LOGIN = "/ui/login";

  /** Where the sign-out form posts. */
  public static final String LOGOUT = "/ui/logout";

  /** The name of everyone when security is disabled. */
  public static final String ANONYMOUS = "anonymous";

  private UiSecurity() {}

  /** The CSRF token of the current request, for a hidden form field. */
  public static Optional<CsrfToken> csrf() {
    return current().map(r -> (CsrfToken) r.getAttribute(CsrfToken.class.getName()));
  }

  /** The signed-in user's name, when one is signed in. */
  public static Optional<String> user() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.of(authentication.getName());
  }

  /** Whether security is disabled: everyone is the anonymous admin. */
  public static boolean disabled() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication instanceof AnonymousAuthenticationToken anonymous
        && ANONYMOUS.equals(anonymous.getPrincipal())
        && anonymous.getAuthorities().stream()
            .anyMatch(a -> ("ROLE_" + Role.ADMIN.name()).equals(a.getAuthority()));
  }

  private static Optional<HttpServletRequest> current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    return attributes instanceof ServletRequestAttributes servlet
        ? Optional.of(servlet.getRequest())
        : Optional.empty();
  }
}
