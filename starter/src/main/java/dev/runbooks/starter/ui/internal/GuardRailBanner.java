package dev.runbooks.starter.ui.internal;

import dev.runbooks.starter.rails.GuardRailService;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The banners every page shows while all automatic starts are disabled or a change freeze is in
 * force: put on each {@code /ui} request as an attribute that {@link Layout} writes at the top.
 */
public class GuardRailBanner implements HandlerInterceptor, WebMvcConfigurer {
  /** The request attribute holding the banners' texts. */
  static final String ATTRIBUTE = GuardRailBanner.class.getName();

  private static final Logger log = LoggerFactory.getLogger(GuardRailBanner.class);

  private final ObjectProvider<GuardRailService> rails;

  GuardRailBanner(ObjectProvider<GuardRailService> rails) {
    this.rails = rails;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/ui", "/ui/**");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    GuardRailService service = rails.getIfAvailable();
    if (service != null) {
      try {
        request.setAttribute(ATTRIBUTE, banners(service, Instant.now()));
      } catch (RuntimeException e) {
        log.warn("cannot read the guard rails for the page's banner", e);
      }
    }
    return true;
  }

  static List<String> banners(GuardRailService service, Instant now) {
    List<String> banners = new ArrayList<>();
    Switch all = service.disabled(GuardRailService.ALL).orElse(null);
    if (all != null) {
      banners.add(
          "All automatic starts are disabled by "
              + all.by()
              + ": "
              + all.reason()
              + (all.until() == null ? "" : " (until " + Layout.time(all.until().toString()) + ")")
              + ". Alerts are recorded, not acted on.");
    }
    for (Freeze f : service.freezes()) {
      if (f.inForce(now)) {
        banners.add(
            "Change freeze until "
                + Layout.time(f.endsAt().toString())
                + ": "
                + f.reason()
                + ". Auto runbooks"
                + (f.runbooks().isEmpty() ? "" : " (" + String.join(", ", f.runbooks()) + ")")
                + " run in approve mode.");
      }
    }
    return banners;
  }
}
