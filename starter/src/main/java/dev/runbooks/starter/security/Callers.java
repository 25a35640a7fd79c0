package dev.runbooks.starter.security;

import dev.runbooks.api.Channel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Finds the {@link Caller} of a request, and gives it to controller methods that take one.
 *
 * <p>Until authentication is wired, every caller is an anonymous admin.
 */
public final class Callers implements HandlerMethodArgumentResolver {
  /** The header {@code bin/runbook} sets so that the audit trail says {@code cli}. */
  public static final String CHANNEL_HEADER = "X-Runbook-Channel";

  /** The caller of a request. */
  public static Caller from(HttpServletRequest request) {
    return new Caller(
        "anonymous", List.of(), Role.ADMIN, channel(request), request.getRemoteAddr());
  }

  /** The channel of a request: {@code ui} for the pages, {@code cli} when the CLI says so. */
  public static Channel channel(HttpServletRequest request) {
    if (request.getRequestURI().startsWith("/ui")) {
      return Channel.UI;
    }
    return "cli".equals(request.getHeader(CHANNEL_HEADER)) ? Channel.CLI : Channel.API;
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
