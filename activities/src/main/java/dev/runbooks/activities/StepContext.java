package dev.runbooks.activities;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What an executor may use of the activity it runs in: the attempt number, a way to heartbeat, and
 * the details of the last heartbeat an earlier attempt recorded. Executors never touch Temporal's
 * activity context directly, so they can be tested without one.
 *
 * @param attempt the attempt number, starting at 1
 * @param heartbeater receives heartbeat details; may throw when the activity has been cancelled
 * @param lastHeartbeat the details of the last heartbeat recorded by an earlier attempt of this
 *     activity, when they are a JSON object; empty on the first attempt
 * @param invocation which invocation of the step this activity is (Temporal's activity id: the same
 *     for every attempt, new each time the workflow runs the step again); empty outside Temporal
 * @param destinations where the step may act; executors resolve every host through it and connect
 *     to the address it returns
 */
public record StepContext(
    int attempt,
    Consumer<Object> heartbeater,
    Supplier<Optional<Map<String, Object>>> lastHeartbeat,
    String invocation,
    Destinations destinations) {
  public StepContext {
    Objects.requireNonNull(heartbeater, "heartbeater");
    Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    invocation = invocation == null ? "" : invocation;
    destinations = destinations == null ? Destinations.open() : destinations;
  }

  /** A context whose destinations are checked only against the addresses denied by default. */
  public StepContext(
      int attempt,
      Consumer<Object> heartbeater,
      Supplier<Optional<Map<String, Object>>> lastHeartbeat,
      String invocation) {
    this(attempt, heartbeater, lastHeartbeat, invocation, Destinations.open());
  }

  /** The same context with other destinations. */
  public StepContext withDestinations(Destinations other) {
    return new StepContext(attempt, heartbeater, lastHeartbeat, invocation, other);
  }

  /** A context of the only invocation of a step, with details from earlier attempts. */
  public StepContext(
      int attempt,
      Consumer<Object> heartbeater,
      Supplier<Optional<Map<String, Object>>> lastHeartbeat) {
    this(attempt, heartbeater, lastHeartbeat, "");
  }

  /** A context without details from earlier attempts. */
  public StepContext(int attempt, Consumer<Object> heartbeater) {
    this(attempt, heartbeater, Optional::empty);
  }

  /**
   * The key an executor remembers a one-time effect of this step by: the step id, plus which
   * invocation of the step this is when the step runs more than once in a run (in a {@code
   * foreach}, or again after a {@code goto}). Every attempt of one invocation has the same key.
   */
  public String effectKey(String stepId) {
    return invocation.isEmpty() ? stepId : stepId + "#" + invocation;
  }

  /** A context for running an executor outside Temporal: attempt 1, heartbeats go nowhere. */
  public static StepContext detached() {
    return new StepContext(1, details -> {});
  }

  /**
   * Reports that the step is still alive. Long-running executors call this every few seconds.
   * Temporal keeps the details of the last heartbeat, and a later attempt of the same activity
   * reads them with {@link #previousDetails()}: an executor that has done something it must not do
   * twice records that here.
   *
   * @param details small, plain progress details (a map of JSON values)
   */
  public void heartbeat(Object details) {
    heartbeater.accept(details);
  }

  /** The details of the last heartbeat an earlier attempt recorded, if they were a JSON object. */
  public Optional<Map<String, Object>> previousDetails() {
    return lastHeartbeat.get();
  }
}
