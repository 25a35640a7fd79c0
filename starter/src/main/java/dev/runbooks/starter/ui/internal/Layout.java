package dev.runbooks.starter.ui.internal;

import dev.runbooks.starter.security.UiSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The frame every page shares (head, navigation, stylesheet, scripts) and the small formatting
 * helpers of the pages: times, durations and status badges.
 */
final class Layout {
  /** The policy every page is served with: only this server's own scripts and styles run. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors"
          + " 'none'";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Layout() {}

  /** How a page is framed. */
  record Frame(String title, String mermaidScript, int refreshSeconds) {}

  /** A whole page: the frame around what {@code body} writes. */
  static ResponseEntity<String> page(HttpStatus status, Frame frame, Consumer<Html> body) {
    Html html = new Html();
    html.markup("<!DOCTYPE html>").open("html", "lang", "en").open("head");
    html.empty("meta", "charset", "utf-8");
    html.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    html.el("title", frame.title() + " · runbooks");
    html.empty("link", "rel", "stylesheet", "href", "/ui/ui.css");
    html.close("head");
    html.open(
        "body",
        "data-refresh",
        frame.refreshSeconds() > 0 ? String.valueOf(frame.refreshSeconds()) : null);
    html.open("header").open("nav");
    html.link("/ui", "Runbooks", "class", "brand");
    html.link("/ui#approvals", "Approvals");
    html.link("/ui/runs", "Runs");
    html.link("/ui#catalog", "Catalog");
    html.link(GuardRailsPage.PATH, "Guard rails");
    html.link("/ui/locks", "Locks");
    UiSecurity.user()
        .ifPresent(
            user -> {
              html.open("form", "method", "post", "action", UiSecurity.LOGOUT, "class", "signout");
              html.csrf();
              html.el("span", user, "class", "who");
              html.el("button", "Sign out", "type", "submit");
              html.close("form");
            });
    html.close("nav").close("header");
    if (UiSecurity.disabled()) {
      html.el(
          "p",
          "security is disabled: everyone is an anonymous admin (runbook.security.enabled=false)",
          "class",
          "banner error",
          "role",
          "alert");
    }
    for (String banner : guardRailBanners()) {
      html.open("p", "class", "banner error", "role", "alert");
      html.text(banner + " ").link(GuardRailsPage.PATH, "Guard rails");
      html.close("p");
    }
    html.open("main");
    body.accept(html);
    html.close("main");
    if (frame.mermaidScript() != null) {
      html.el("script", "", "src", frame.mermaidScript());
    }
    html.el("script", "", "src", "/ui/ui.js");
    html.close("body").close("html");
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .body(html.toString());
  }

  /** The banners {@link GuardRailBanner} put on this request; none outside a request. */
  private static List<String> guardRailBanners() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null
        && request.getAttribute(GuardRailBanner.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
            instanceof List<?> banners) {
      return banners.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  /** An ISO-8601 instant as {@code 2024-05-01 10:15:30Z}; other text as it is. */
  static String time(Object iso) {
    if (iso == null) {
      return "";
    }
    try {
      return TIME.format(Instant.parse(iso.toString()));
    } catch (DateTimeParseException e) {
      return iso.toString();
    }
  }

  /** Milliseconds as {@code 120ms}, {@code 1.5s}, {@code 2m03s} or {@code 1h02m}. */
  static String duration(Object millis) {
    if (!(millis instanceof Number n)) {
      return "";
    }
    long ms = n.longValue();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    Duration d = Duration.ofMillis(ms);
    if (ms < 3_600_000) {
      return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
    return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
  }

  /** The time between two ISO-8601 instants, or until now when {@code end} is null. */
  static String between(Object start, Object end) {
    try {
      Instant from = Instant.parse(String.valueOf(start));
      Instant to = end == null ? Instant.now() : Instant.parse(end.toString());
      return duration(Duration.between(from, to).toMillis());
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  /** A status word as a coloured badge: the CSS class is the word itself when it is known. */
  static void badge(Html html, Object status) {
    String word = status == null ? "unknown" : status.toString();
    html.el("span", word, "class", "badge " + badgeClass(word));
  }

  private static String badgeClass(String word) {
    return switch (word) {
      case "resolved", "succeeded", "completed", "approved", "acknowledged", "accepted" -> "ok";
      case "running", "waiting", "pending" -> "live";
      case "escalated", "skipped", "jumped", "dry-run", "timed_out", "rejected" -> "warn";
      case "failed", "aborted", "terminated", "canceled", "cancelled", "refused" -> "bad";
      default -> word.startsWith("ended: ") ? badgeClass(word.substring(7)) : "plain";
    };
  }
}
