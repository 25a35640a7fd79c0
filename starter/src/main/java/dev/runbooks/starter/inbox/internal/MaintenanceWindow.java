package dev.runbooks.starter.inbox.internal;

import dev.runbooks.language.Regexes;
import dev.runbooks.starter.intake.IntakeProperties.Matcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A maintenance window: alerts whose labels match every matcher between {@code startsAt}
 * (inclusive) and {@code endsAt} (exclusive) are suppressed. {@code origin} is {@code api} or
 * {@code config}; {@code releasedAt} is when the dispatcher released the window's alerts; {@code
 * deletedAt} and {@code deletedBy} say when and by whom it was deleted (its row stays). Regex
 * matchers run on RE2/J ({@link Regexes}): linear time, whole-value match, no backreferences or
 * lookaround, at most {@value Regexes#MAX_LENGTH} characters.
 */
public record MaintenanceWindow(
    String id,
    List<Matcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String comment,
    String createdBy,
    String origin,
    Instant createdAt,
    Instant releasedAt,
    Instant deletedAt,
    String deletedBy) {

  /** Copies the matchers. */
  public MaintenanceWindow {
    matchers = List.copyOf(matchers);
  }

  /** A window that was not deleted. */
  public MaintenanceWindow(
      String id,
      List<Matcher> matchers,
      Instant startsAt,
      Instant endsAt,
      String comment,
      String createdBy,
      String origin,
      Instant createdAt,
      Instant releasedAt) {
    this(
        id,
        matchers,
        startsAt,
        endsAt,
        comment,
        createdBy,
        origin,
        createdAt,
        releasedAt,
        null,
        null);
  }

  /** The problems of a window as someone wrote it, each naming its field; empty when valid. */
  public static List<String> problems(List<Matcher> matchers, Instant startsAt, Instant endsAt) {
    List<String> problems = new ArrayList<>();
    if (matchers == null || matchers.isEmpty()) {
      problems.add("matchers: at least one matcher is required");
    } else {
      for (int i = 0; i < matchers.size(); i++) {
        Matcher m = matchers.get(i);
        if (m == null || m.name() == null || m.name().isBlank()) {
          problems.add("matchers[" + i + "].name: a label name is required");
        } else if (m.isRegex()) {
          int at = i;
          Regexes.problem(m.value())
              .ifPresent(
                  problem ->
                      problems.add(
                          "matchers["
                              + at
                              + "].value: not a supported regular expression: "
                              + problem));
        }
      }
    }
    if (startsAt == null) {
      problems.add("startsAt: required (an ISO-8601 instant)");
    }
    if (endsAt == null) {
      problems.add("endsAt: required (an ISO-8601 instant)");
    }
    if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
      problems.add("endsAt: must be after startsAt");
    }
    return problems;
  }

  /** Whether the window is in force at that time (a deleted window never is). */
  public boolean activeAt(Instant time) {
    return deletedAt == null && !time.isBefore(startsAt) && time.isBefore(endsAt);
  }

  /** Whether every matcher holds for these labels; an absent label reads as empty. */
  public boolean matches(Map<String, String> labels) {
    for (Matcher m : matchers) {
      String value = Objects.requireNonNullElse(labels.get(m.name()), "");
      boolean hit;
      try {
        hit = m.isRegex() ? Regexes.matchesWhole(m.value(), value) : m.value().equals(value);
      } catch (IllegalArgumentException e) {
        // A pattern stored before regexes ran on RE2/J may use what RE2 lacks (a backreference):
        // the window suppresses nothing rather than failing the dispatcher pass.
        return false;
      }
      if (hit != m.isEqual()) {
        return false;
      }
    }
    return true;
  }

  /** The window as the API shows it. */
  public Map<String, Object> view(Instant now) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("matchers", matchers);
    view.put("startsAt", startsAt.toString());
    view.put("endsAt", endsAt.toString());
    view.put("comment", comment);
    view.put("createdBy", createdBy);
    view.put("origin", origin);
    view.put("active", activeAt(now));
    view.put("releasedAt", releasedAt == null ? null : releasedAt.toString());
    view.put("deletedAt", deletedAt == null ? null : deletedAt.toString());
    view.put("deletedBy", deletedBy);
    view.put("links", Map.of("self", "/api/maintenance-windows/" + id));
    return view;
  }
}
