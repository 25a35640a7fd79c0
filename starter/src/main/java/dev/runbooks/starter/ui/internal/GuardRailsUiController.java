package dev.runbooks.starter.ui.internal;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.starter.inbox.internal.AlertExplainer;
import dev.runbooks.starter.inbox.internal.AlertExplanation;
import dev.runbooks.starter.rails.GuardRailException;
import dev.runbooks.starter.rails.GuardRailService;
import dev.runbooks.starter.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The guard rails on the page: {@code GET /ui/guard-rails} and its forms (POST, redirect, GET), and
 * {@code GET /ui/alerts/{id}}, an alert with why it did or did not start a run. The forms change
 * the rails through {@link GuardRailService} as the signed-in caller, which audits each change; the
 * roles are {@code SecurityRules}'.
 */
@Controller
public class GuardRailsUiController {
  private static final String FLASH = "guardRailAnswer";

  private final ObjectProvider<GuardRailService> rails;
  private final ObjectProvider<AlertExplainer> explainer;

  GuardRailsUiController(
      ObjectProvider<GuardRailService> rails, ObjectProvider<AlertExplainer> explainer) {
    this.rails = rails;
    this.explainer = explainer;
  }

  @GetMapping(GuardRailsPage.PATH)
  ResponseEntity<String> page(HttpServletRequest request) {
    GuardRailService service = rails.getIfAvailable();
    if (service == null) {
      return unavailable("Guard rails need the database, and this server has none.");
    }
    Map<String, ?> flashed = RequestContextUtils.getInputFlashMap(request);
    String flash = flashed != null && flashed.get(FLASH) instanceof String s ? s : null;
    var snapshot = service.snapshot();
    return Layout.page(
        HttpStatus.OK,
        new Layout.Frame("Guard rails", null, 0),
        html -> GuardRailsPage.write(html, snapshot, flash));
  }

  @GetMapping("/ui/alerts/{id}")
  ResponseEntity<String> alert(@PathVariable String id) {
    AlertExplainer x = explainer.getIfAvailable();
    if (x == null) {
      return unavailable("Alerts need the alert inbox, and this server has none.");
    }
    Optional<AlertExplanation> explained;
    try {
      explained = x.explain(Long.parseLong(id));
    } catch (NumberFormatException e) {
      explained = Optional.empty();
    }
    if (explained.isEmpty()) {
      return page(HttpStatus.NOT_FOUND, "No such alert: '" + id + "'.");
    }
    AlertExplanation answer = explained.get();
    return Layout.page(
        HttpStatus.OK,
        new Layout.Frame("Alert " + id, null, 0),
        html -> AlertPage.write(html, answer));
  }

  @PostMapping(
      path = GuardRailsPage.PATH + "/automation/{action}",
      consumes = "application/x-www-form-urlencoded")
  ResponseEntity<String> automation(
      @PathVariable String action,
      @RequestParam Map<String, String> form,
      Caller caller,
      HttpServletRequest request,
      HttpServletResponse response) {
    return change(
        request,
        response,
        s ->
            switch (action) {
              case "disable" -> {
                s.disable(GuardRailService.ALL, form.get("reason"), until(form), caller);
                yield "Disabled all automatic starts.";
              }
              case "enable" -> {
                s.enable(GuardRailService.ALL, blank(form.get("reason")), caller);
                yield "Enabled all automatic starts again.";
              }
              default -> throw new GuardRailException(404, "no such action: '" + action + "'");
            });
  }

  @PostMapping(
      path = GuardRailsPage.PATH + "/runbooks/{name}/{action}",
      consumes = "application/x-www-form-urlencoded")
  ResponseEntity<String> runbook(
      @PathVariable String name,
      @PathVariable String action,
      @RequestParam Map<String, String> form,
      Caller caller,
      HttpServletRequest request,
      HttpServletResponse response) {
    return change(
        request,
        response,
        s ->
            switch (action) {
              case "disable" -> {
                s.disable(name, form.get("reason"), until(form), caller);
                yield "Disabled " + name + ": its alerts are recorded as disabled.";
              }
              case "enable" -> {
                s.enable(name, blank(form.get("reason")), caller);
                yield "Enabled " + name + " again.";
              }
              case "reset" -> {
                s.resetTrip(name, form.get("reason"), caller);
                yield "Reset the trip of " + name + ": its automatic starts resume.";
              }
              case "autonomy" -> {
                String mode = form.getOrDefault("mode", "written");
                Autonomy autonomy =
                    mode.equals("written")
                        ? null
                        : Autonomy.fromYaml(mode)
                            .orElseThrow(
                                () ->
                                    new GuardRailException(
                                        400,
                                        "mode: '" + mode + "' is not auto, approve or dry-run"));
                var now = s.setAutonomy(name, autonomy, form.get("reason"), caller);
                yield "Autonomy of " + name + " is now " + now.effective() + ".";
              }
              default -> throw new GuardRailException(404, "no such action: '" + action + "'");
            });
  }

  @PostMapping(
      path = GuardRailsPage.PATH + "/freezes",
      consumes = "application/x-www-form-urlencoded")
  ResponseEntity<String> createFreeze(
      @RequestParam Map<String, String> form,
      Caller caller,
      HttpServletRequest request,
      HttpServletResponse response) {
    return change(
        request,
        response,
        s -> {
          Instant from = blank(form.get("from")) == null ? null : instant("from", form.get("from"));
          Instant until = instant("until", form.getOrDefault("until", ""));
          String given = blank(form.get("runbooks"));
          List<String> runbooks =
              given == null
                  ? List.of()
                  : Arrays.stream(given.split("[,\\s]+")).filter(r -> !r.isBlank()).toList();
          var f = s.createFreeze(form.get("reason"), from, until, runbooks, caller);
          return "Created freeze " + f.id() + " until " + Layout.time(f.endsAt().toString()) + ".";
        });
  }

  @PostMapping(
      path = GuardRailsPage.PATH + "/freezes/{id}/delete",
      consumes = "application/x-www-form-urlencoded")
  ResponseEntity<String> deleteFreeze(
      @PathVariable String id,
      Caller caller,
      HttpServletRequest request,
      HttpServletResponse response) {
    return change(
        request,
        response,
        s -> {
          s.deleteFreeze(id, caller);
          return "Deleted freeze " + id + ".";
        });
  }

  /** Applies a change, flashes its answer (or why it was refused) and redirects to the page. */
  private ResponseEntity<String> change(
      HttpServletRequest request,
      HttpServletResponse response,
      Function<GuardRailService, String> change) {
    GuardRailService service = rails.getIfAvailable();
    if (service == null) {
      return unavailable("Guard rails need the database, and this server has none.");
    }
    String answer;
    try {
      answer = change.apply(service);
    } catch (GuardRailException e) {
      answer = "Refused: " + e.getMessage() + ".";
    }
    FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
    flash.put(FLASH, answer);
    RequestContextUtils.saveOutputFlashMap(GuardRailsPage.PATH, request, response);
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(GuardRailsPage.PATH))
        .build();
  }

  private static Instant until(Map<String, String> form) {
    String until = blank(form.get("until"));
    return until == null ? null : instant("until", until);
  }

  /** An ISO time, or a duration from now (2h, 1d, PT8H). */
  static Instant instant(String field, String text) {
    String s = text.strip();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      if (Durations.isValid(s)) {
        return Instant.now().plus(Durations.parse(s));
      }
      throw new GuardRailException(
          400, field + ": '" + text + "' is neither a duration (2h) nor an ISO time");
    }
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static ResponseEntity<String> unavailable(String message) {
    return page(HttpStatus.NOT_FOUND, message);
  }

  private static ResponseEntity<String> page(HttpStatus status, String message) {
    return Layout.page(
        status,
        new Layout.Frame(status.value() + " " + status.getReasonPhrase(), null, 0),
        html -> {
          html.el("h1", status.value() + " " + status.getReasonPhrase());
          html.el("p", message, "class", "error");
          html.open("p").link("/ui", "Back to the runbooks").close("p");
        });
  }
}
