package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.types.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The language side of an action step type (http, tcp, command, and each remediation step): its
 * name in YAML, the JSON Schema of its config, which config fields are CEL expressions rather than
 * templates, and any checks the schema cannot express. Implementations are found with {@link
 * java.util.ServiceLoader}; adding a step type means adding one implementation here (with its
 * schema resource and its line in the services file) and one executor in the activities module,
 * named after the kind ({@code circuitBreaker} is {@code CircuitBreakerExecutor}), which the
 * activities' factory finds without registration. {@code docs/architecture.md} lists the steps.
 */
public interface ActionKind {
  /** The key that introduces the step in YAML, such as {@code http}; also the activity type. */
  String name();

  /** One sentence for docs and the schema's description. */
  String description();

  /**
   * The JSON Schema (draft 2020-12) of the step's config as a classpath resource path, such as
   * {@code /dev/runbooks/language/steps/http.schema.json}.
   */
  String schemaResource();

  /**
   * Dotted paths inside the config whose values are CEL expressions, evaluated by the executor
   * against the step's result (such as {@code expect.body}). The interpreter leaves them as they
   * are instead of interpolating them, and the compiler checks them as conditions.
   */
  default Set<String> expressionFields() {
    return Set.of();
  }

  /**
   * Dotted paths inside the config whose string values are URLs the executor calls (such as {@code
   * url}). The interpreter renders them with {@link
   * dev.runbooks.language.expr.Templates#renderUrl}: template values in path and query positions
   * are percent-encoded as one component, so data from an alert cannot leave its path segment. The
   * compiler also checks where their hosts come from (see {@link
   * dev.runbooks.language.targets.TargetAnalysis}).
   */
  default Set<String> urlFields() {
    return Set.of();
  }

  /**
   * Dotted paths inside the config whose values are bare host names the executor connects to (such
   * as {@code tcp}'s {@code host}). They are rendered as usual; the compiler checks where they come
   * from like the hosts of {@link #urlFields()}.
   */
  default Set<String> hostFields() {
    return Set.of();
  }

  /**
   * Whether this kind's executor can run longer than a few seconds and heartbeats while it does
   * (every few seconds, while it loops or waits). The workflow schedules the activities of such a
   * kind with a heartbeat timeout (the step's {@code heartbeatTimeout}, 30 s by default), so a
   * worker that dies mid-step is noticed within it rather than after the step's whole timeout; a
   * step of another kind may not set {@code heartbeatTimeout}. Default: false.
   */
  default boolean heartbeats() {
    return false;
  }

  /**
   * The type of the step's {@code result}: the fields its executor returns, which the compiler
   * checks {@code steps.<id>.result.<field>} and {@code result.<field>} against, the language
   * reference documents, and dry runs and tests use for placeholders. It may depend on the config
   * as written (such as a {@code circuitBreaker} action). Default: {@link ValueType#ANY} (nothing
   * checked).
   *
   * @param config the config as written
   */
  default ValueType resultType(Map<String, Object> config) {
    return ValueType.ANY;
  }

  /**
   * Whether running a step with this config changes anything. A dry run executes the steps that do
   * not (probes, for real) and only records what the others would have done. Safe default: true.
   *
   * @param config the step's config with templates rendered
   */
  default boolean mutating(Map<String, Object> config) {
    return true;
  }

  /**
   * Whether a step with this config is a cheap read-only probe that the interpreter may run as a
   * Temporal local activity: in the worker that runs the workflow task, without a round trip to the
   * server for each attempt. Only a config that does not change anything ({@link #mutating} is
   * false), whose executor does not heartbeat ({@link #heartbeats()} is false) and finishes within
   * seconds qualifies, such as an http GET. The step keeps its timeout (each attempt's), retry
   * policy, record, report, destination checks and audit; dry runs do not use it. The answer
   * decides which commands a run issues, so changing it for a config that already answered is a
   * change of the command sequence: it needs a new {@code ChangeId} in the workflows module.
   * Default: false.
   *
   * @param renderedConfig the step's config with templates rendered
   */
  default boolean runsLocally(Map<String, Object> renderedConfig) {
    return false;
  }

  /**
   * What a step with this config acts on, for blast radius ({@code maxTargets}), explanations and
   * reports: such as the service a restart restarts or the host an http call goes to. Empty when
   * the kind names no target or the config does not say. Pure: it reads the config only.
   *
   * @param renderedConfig the step's config with templates rendered
   */
  default Optional<String> target(Map<String, Object> renderedConfig) {
    return Optional.empty();
  }

  /**
   * The config as the compiled plan keeps it. A kind may add facts that only the written config
   * shows and its executor needs once the templates are rendered; the interpreter renders the added
   * fields like any other (so they should hold no templates). The schema has already been checked
   * against the written config, so a runbook cannot set an added field itself. Must accept any
   * config, even one with schema problems. By default the config as written.
   *
   * @param config the config as written
   */
  default Map<String, Object> plan(Map<String, Object> config) {
    return config;
  }

  /**
   * Checks the schema cannot express, such as an argv that must not be empty. The config has
   * already passed the schema.
   *
   * @param config the config as written
   * @param path the field path of the config, such as {@code steps[2].http}
   * @param locate gives the location of a path below the config (falls back to the step's)
   * @return the problems found, or an empty list
   */
  default List<Problem> check(
      Map<String, Object> config,
      String path,
      java.util.function.Function<String, Location> locate) {
    return List.of();
  }
}
