package dev.runbooks.starter.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The server span of each webhook request ({@code /webhooks/*}), continuing the trace of an
 * incoming {@code traceparent} header when there is a valid one. The span is current while the
 * request is handled, so the inbox stores its context with each accepted alert. It carries the
 * method, the route template and the status code; not the body, headers or query.
 */
public final class WebhookTracingFilter extends OncePerRequestFilter {
  private static final String GENERIC = "/webhooks/generic/";
  private final RunbookTracing tracing;

  /** A filter making spans with the given tracing (which must be on). */
  public WebhookTracingFilter(RunbookTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  @SuppressWarnings("try") // the scope is only closed
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Context parent =
        tracing
            .openTelemetry()
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), request, HEADERS);
    String route = route(request);
    Span span =
        tracing
            .tracer()
            .spanBuilder(request.getMethod() + " " + route)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", request.getMethod())
            .setAttribute("http.route", route)
            .setAttribute("url.scheme", request.getScheme())
            .startSpan();
    try (Scope scope = parent.with(span).makeCurrent();
        TraceMdc mdc = TraceMdc.of(span)) {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute("error.type", e.getClass().getName());
      throw e;
    } finally {
      span.setAttribute("http.response.status_code", (long) response.getStatus());
      if (response.getStatus() >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }

  /** The route template, never a name the sender chose: {@code /webhooks/generic/{source}}. */
  static String route(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(GENERIC)) {
      return GENERIC + "{source}";
    }
    return path.matches("/webhooks/[a-z]{1,32}") ? path : "/webhooks/*";
  }

  @SuppressWarnings("deprecation") // keys() is deprecated in 1.68 yet still abstract
  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest carrier) {
          return Collections.list(carrier.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest carrier, String key) {
          return carrier == null ? null : carrier.getHeader(key);
        }
      };
}
