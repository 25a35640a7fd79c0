package dev.runbooks.language.steps;

import dev.runbooks.language.model.RouteType;
import dev.runbooks.language.model.YamlEnums;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one {@code escalate} activity: the contract between the activity that writes it and
 * the workflow that reads it (to resolve the PagerDuty incidents a run opened). Both go through
 * this record, so a field renamed on one side is renamed on the other. As JSON it is {@code {route,
 * routeName?, action, delivered, status, dedupKey, attempt, endpoint, duplicateSuppressed}}, as
 * recorded histories hold it; {@link #read} also reads results recorded before this record existed.
 *
 * @param route the type of the route posted to
 * @param routeName the configured route the step named, or null when it named a type with a url
 * @param action what the event did
 * @param delivered true: a result is only written once the endpoint accepted the post
 * @param status the endpoint's HTTP status, or null when unknown
 * @param dedupKey the escalation's key (PagerDuty merges events by it), or null when unknown
 * @param attempt the activity attempt that delivered it (or found it delivered)
 * @param endpoint where it went, as shown to people (a secret endpoint by its host only)
 * @param duplicateSuppressed true when an earlier attempt had delivered it and it was not posted
 *     again
 */
public record EscalateResult(
    RouteType route,
    String routeName,
    Action action,
    boolean delivered,
    Long status,
    String dedupKey,
    long attempt,
    String endpoint,
    boolean duplicateSuppressed) {

  /** What an escalation event does. */
  public enum Action {
    /** Opens (or updates) an incident, or posts a message. */
    TRIGGER,
    /** Resolves a PagerDuty incident. */
    RESOLVE;

    /** The action written {@code name}, if it is one. */
    public static Optional<Action> fromYaml(String name) {
      return YamlEnums.find(values(), name);
    }

    /** The name as written in configs and results, such as {@code trigger}. */
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The incident an escalation opened or resolved.
   *
   * @param dedupKey the incident's key
   * @param action whether the event opened or resolved it
   * @param shownRoute the route as people know it: the configured name, else the type
   */
  public record Incident(String dedupKey, Action action, String shownRoute) {}

  /** The result as the activity returns it, its fields in the order recorded histories hold. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("route", route.toString());
    if (routeName != null) {
      m.put("routeName", routeName);
    }
    m.put("action", action.toString());
    m.put("delivered", delivered);
    m.put("status", status);
    m.put("dedupKey", dedupKey);
    m.put("attempt", attempt);
    m.put("endpoint", endpoint);
    m.put("duplicateSuppressed", duplicateSuppressed);
    return m;
  }

  /**
   * Reads a result an escalate activity returned, now or in a recorded history; empty when it is
   * not one (its route is not a route type). A missing action reads as trigger.
   */
  public static Optional<EscalateResult> read(Map<String, ?> result) {
    if (result == null
        || !(result.get("route") instanceof String r)
        || RouteType.fromYaml(r).isEmpty()) {
      return Optional.empty();
    }
    Action action =
        result.get("action") instanceof String a
            ? Action.fromYaml(a).orElse(Action.TRIGGER)
            : Action.TRIGGER;
    return Optional.of(
        new EscalateResult(
            RouteType.fromYaml(r).get(),
            result.get("routeName") instanceof String n ? n : null,
            action,
            !Boolean.FALSE.equals(result.get("delivered")),
            result.get("status") instanceof Number s ? s.longValue() : null,
            result.get("dedupKey") instanceof String k ? k : null,
            result.get("attempt") instanceof Number n ? n.longValue() : 1L,
            result.get("endpoint") instanceof String e ? e : null,
            Boolean.TRUE.equals(result.get("duplicateSuppressed"))));
  }

  /**
   * The incident this escalation opened or resolved: present for a PagerDuty route with a dedup
   * key, the only kind of escalation a later event can resolve.
   */
  public Optional<Incident> incident() {
    if (!route.resolvable() || dedupKey == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Incident(dedupKey, action, routeName != null ? routeName : route.toString()));
  }
}
