package dev.runbooks.starter.security;

import dev.runbooks.api.Channel;
import dev.runbooks.starter.security.internal.RoleMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Finds the {@link Caller} of a request in Spring Security's context, and gives it to controller
 * methods that take one: the principal's name, its groups ({@code GROUP_} authorities), its highest
 * role ({@code ROLE_} authorities), the channel and the client's address.
 */
public final class Callers implements HandlerMethodArgumentResolver {
  /** The header {@code bin/runbook} sets so that the audit trail says {@code cli}. */
  public static final String CHANNEL_HEADER = "X-Runbook-Channel";

  /**
   * The caller of a request.
   *
   * @throws AuthenticationCredentialsNotFoundException when nobody is authenticated (a 401)
   */
  public static Caller from(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null) {
      throw new AuthenticationCredentialsNotFoundException("nobody is authenticated");
    }
    List<String> groups = new ArrayList<>();
    Role role = null;
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String name = authority.getAuthority();
      if (name == null) {
        continue;
      }
      if (name.startsWith(RoleMapper.GROUP)) {
        groups.add(name.substring(RoleMapper.GROUP.length()));
      } else if (name.startsWith("ROLE_")) {
        Role r = role(name.substring(5));
        if (r != null && (role == null || r.includes(role))) {
          role = r;
        }
      }
    }
    if (role == null) {
      throw new AuthenticationCredentialsNotFoundException("the principal has no role");
    }
    return new Caller(
        authentication.getName(), groups, role, channel(request), request.getRemoteAddr());
  }

  /** The channel of a request: {@code ui} for the pages, {@code cli} when the CLI says so. */
  public static Channel channel(HttpServletRequest request) {
    if (request.getRequestURI().startsWith("/ui")) {
      return Channel.UI;
    }
    return "cli".equals(request.getHeader(CHANNEL_HEADER)) ? Channel.CLI : Channel.API;
  }

  private static Role role(String name) {
    for (Role r : Role.values()) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    return from(webRequest.getNativeRequest(HttpServletRequest.class));
  }
}
