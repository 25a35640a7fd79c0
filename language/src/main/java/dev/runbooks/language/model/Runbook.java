package dev.runbooks.language.model;

import java.util.List;
import java.util.Map;

/**
 * A runbook definition as written, bound to immutable records. {@code triggers} lists the alerts
 * that start the runbook (empty when only people and other runbooks start it); {@code schedules}
 * lists the times Temporal starts it by itself (empty when there are none); {@code targets} lists
 * where it may act (host patterns, CIDRs, URL prefixes), or is null when it declares none; {@code
 * access} says who may start, approve, abort and acknowledge it ({@link Access#NONE} without an
 * {@code access:} block); {@code rails} holds its guard rails ({@link GuardRails#NONE} without
 * any).
 */
public record Runbook(
    Metadata metadata,
    Map<String, InputSpec> inputs,
    List<Step> steps,
    List<Step> finallySteps,
    List<Trigger> triggers,
    List<Schedule> schedules,
    List<String> targets,
    Access access,
    GuardRails rails,
    Location location) {
  public Runbook {
    access = access == null ? Access.NONE : access;
    rails = rails == null ? GuardRails.NONE : rails;
    targets = targets == null ? null : List.copyOf(targets);
    inputs =
        inputs == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    steps = List.copyOf(steps);
    finallySteps = finallySteps == null ? List.of() : List.copyOf(finallySteps);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
  }

  /** A runbook without targets. */
  public Runbook(
      Metadata metadata,
      Map<String, InputSpec> inputs,
      List<Step> steps,
      List<Step> finallySteps,
      List<Trigger> triggers,
      List<Schedule> schedules,
      Location location) {
    this(metadata, inputs, steps, finallySteps, triggers, schedules, null, null, null, location);
  }

  /** A runbook without guard rails of its own. */
  public Runbook(
      Metadata metadata,
      Map<String, InputSpec> inputs,
      List<Step> steps,
      List<Step> finallySteps,
      List<Trigger> triggers,
      List<Schedule> schedules,
      List<String> targets,
      Access access,
      Location location) {
    this(
        metadata,
        inputs,
        steps,
        finallySteps,
        triggers,
        schedules,
        targets,
        access,
        null,
        location);
  }

  /** A runbook without an {@code access:} block. */
  public Runbook(
      Metadata metadata,
      Map<String, InputSpec> inputs,
      List<Step> steps,
      List<Step> finallySteps,
      List<Trigger> triggers,
      List<Schedule> schedules,
      List<String> targets,
      Location location) {
    this(metadata, inputs, steps, finallySteps, triggers, schedules, targets, null, null, location);
  }

  /** A runbook without schedules. */
  public Runbook(
      Metadata metadata,
      Map<String, InputSpec> inputs,
      List<Step> steps,
      List<Step> finallySteps,
      List<Trigger> triggers,
      Location location) {
    this(metadata, inputs, steps, finallySteps, triggers, List.of(), null, null, null, location);
  }

  /** The runbook's name, which is its Temporal workflow type. */
  public String name() {
    return metadata.name();
  }
}
