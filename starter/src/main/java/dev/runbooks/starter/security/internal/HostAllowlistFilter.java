package dev.runbooks.starter.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 421 to a request whose {@code Host} is not one of the allowed hosts ({@code
 * runbook.api.allowed-hosts}, default localhost, 127.0.0.1, [::1] and the host of {@code
 * runbook.api.public-url}): a DNS-rebinding page reaches the server under a name of its own. An
 * entry {@code *} allows every host.
 */
public final class HostAllowlistFilter extends OncePerRequestFilter {
  private final Set<String> hosts;
  private final boolean any;

  /**
   * A filter allowing {@code configured} (or the defaults when empty) and the public URL's host.
   */
  public HostAllowlistFilter(List<String> configured, String publicUrl) {
    Set<String> allowed = new LinkedHashSet<>();
    if (configured == null || configured.isEmpty()) {
      allowed.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
    } else {
      configured.forEach(h -> allowed.add(normal(h)));
    }
    if (publicUrl != null && !publicUrl.isBlank()) {
      String host = URI.create(publicUrl.strip()).getHost();
      if (host != null) {
        allowed.add(normal(host));
      }
    }
    this.any = allowed.contains("*");
    this.hosts = Set.copyOf(allowed);
  }

  /** The allowed hosts. */
  public Set<String> hosts() {
    return hosts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (any || hosts.contains(normal(request.getServerName()))) {
      chain.doFilter(request, response);
      return;
    }
    JsonErrors.write(
        response,
        HttpStatus.MISDIRECTED_REQUEST,
        "this server does not answer for the host named in the request; add it to"
            + " runbook.api.allowed-hosts");
  }

  private static String normal(String host) {
    String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return h;
  }
}
