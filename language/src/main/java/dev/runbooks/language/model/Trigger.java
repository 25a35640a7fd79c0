package dev.runbooks.language.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a runbook's {@code triggers:} list: which alerts start the runbook and how the alert
 * becomes the run's inputs.
 *
 * <p>{@code source} is {@code alertmanager}, {@code grafana}, {@code generic}, {@code
 * generic/<name>} or {@code any} (the default). {@code alertNames} is empty when any alert name
 * matches. Every label matcher must hold. {@code when} is an optional CEL condition over {@code
 * alert}. {@code inputs} maps declared input names to values that may hold templates over {@code
 * alert}. {@code dedupKey} is a template over {@code alert}, or null for the alert's fingerprint.
 * {@code cooldown} is zero when there is none. {@code onResolved} says what the alert resolving
 * does to the run. {@code maxAge} skips firing alerts that started longer ago than it (recorded,
 * not started); null when there is none. {@code path} is the field path, such as {@code
 * triggers[0]}.
 */
public record Trigger(
    String source,
    List<String> alertNames,
    Map<String, LabelMatcher> labels,
    String when,
    Map<String, Object> inputs,
    String dedupKey,
    Duration cooldown,
    OnResolved onResolved,
    Duration maxAge,
    Location location,
    String path) {
  /** The source that matches alerts from every source. */
  public static final String ANY_SOURCE = "any";

  public Trigger {
    source = source == null ? ANY_SOURCE : source;
    alertNames = alertNames == null ? List.of() : List.copyOf(alertNames);
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    cooldown = cooldown == null ? Duration.ZERO : cooldown;
    onResolved = onResolved == null ? OnResolved.SIGNAL : onResolved;
    location = location == null ? Location.UNKNOWN : location;
    path = path == null ? "" : path;
  }

  /** A trigger without {@code maxAge}. */
  public Trigger(
      String source,
      List<String> alertNames,
      Map<String, LabelMatcher> labels,
      String when,
      Map<String, Object> inputs,
      String dedupKey,
      Duration cooldown,
      OnResolved onResolved,
      Location location,
      String path) {
    this(
        source,
        alertNames,
        labels,
        when,
        inputs,
        dedupKey,
        cooldown,
        onResolved,
        null,
        location,
        path);
  }
}
