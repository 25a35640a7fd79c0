package dev.runbooks.starter.dispatch.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wakes the {@link AlertDispatcher} when a webhook answered 202: its alerts are committed to the
 * inbox by then, so the dispatcher starts their runs at once instead of at its next poll. Mapped to
 * {@code /webhooks/*} ({@code runbook.intake.dispatcher.wake-on-accept}, on by default).
 */
public final class DispatchWakeFilter extends OncePerRequestFilter {
  private final Runnable wake;

  /** A filter that runs {@code wake} after each accepted notification. */
  public DispatchWakeFilter(Runnable wake) {
    this.wake = wake;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, response);
    if (response.getStatus() == HttpStatus.ACCEPTED.value()) {
      wake.run();
    }
  }
}
