package dev.runbooks.language.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.runbooks.language.expr.SecretText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the interpreter hands to the activity that executes an action step: who asks (runbook,
 * workflow id, step id) and the step's config with every template already rendered. Expression
 * fields (see {@link ActionKind#expressionFields()}) are left as CEL source.
 *
 * <p>Secret references: the config holds every {@code ${{ secrets.NAME }}} that the runbook's
 * source wrote as text, and {@code secretRefs} says where each one is. The activity resolves those
 * and nothing else: the same text anywhere else (it came from an alert, an input, a step output or
 * an expression) is data and is sent as it is.
 *
 * <p>Wire format: {@code secretRefs} is absent (null) in requests scheduled by workers older than
 * this field, which left references as text and had the activity resolve every one it found. The
 * activity cannot tell which of those came from the source, so it refuses such a request when its
 * config holds a reference (and runs it unchanged when it holds none); see {@code SecretScope} in
 * the activities module. A request made here always has a list, empty when there is no reference.
 *
 * <p>{@code targets} is the runbook's {@code targets:} (null when it declares none) and {@code
 * hostFromAlert} says that a destination host of this step came from the alert that started the run
 * (see {@link dev.runbooks.language.targets.TargetAnalysis}); the activity checks every destination
 * against them and the worker's own lists ({@link dev.runbooks.language.targets.TargetPolicy}).
 * Requests recorded before these fields existed read as null and false.
 *
 * @param secretRefs where the source's secret references are; null only in the old format
 * @param targets the runbook's {@code targets:}, null when it declares none
 * @param hostFromAlert whether a destination host of this step came from the starting alert
 */
public record ActionRequest(
    String runbook,
    String workflowId,
    String stepId,
    String type,
    Map<String, Object> config,
    List<SecretRef> secretRefs,
    List<String> targets,
    boolean hostFromAlert) {
  @JsonCreator
  public ActionRequest {
    config = config == null ? Map.of() : config;
    secretRefs = secretRefs == null ? null : List.copyOf(secretRefs);
    targets = targets == null ? null : List.copyOf(targets);
  }

  /**
   * A request whose config holds no secret reference to resolve (any such text is data), of a
   * runbook without targets whose hosts do not come from an alert.
   */
  public ActionRequest(
      String runbook, String workflowId, String stepId, String type, Map<String, Object> config) {
    this(runbook, workflowId, stepId, type, config, List.of(), null, false);
  }

  /** A request with secret references, of a runbook without targets. */
  public ActionRequest(
      String runbook,
      String workflowId,
      String stepId,
      String type,
      Map<String, Object> config,
      List<SecretRef> secretRefs) {
    this(runbook, workflowId, stepId, type, config, secretRefs, null, false);
  }

  /** A request without secret references, with the runbook's targets. */
  public ActionRequest(
      String runbook,
      String workflowId,
      String stepId,
      String type,
      Map<String, Object> config,
      List<String> targets,
      boolean hostFromAlert) {
    this(runbook, workflowId, stepId, type, config, List.of(), targets, hostFromAlert);
  }

  /** The same request with another config (such as one with its secrets resolved). */
  public ActionRequest withConfig(Map<String, Object> newConfig) {
    return new ActionRequest(
        runbook, workflowId, stepId, type, newConfig, secretRefs, targets, hostFromAlert);
  }

  /**
   * The request for a config rendered with {@link
   * dev.runbooks.language.expr.Templates#renderConfigTree}: each {@link SecretText} becomes its
   * text, and its spans become {@link #secretRefs()}.
   */
  public static ActionRequest rendered(
      String runbook, String workflowId, String stepId, String type, Map<String, Object> config) {
    return rendered(runbook, workflowId, stepId, type, config, null, false);
  }

  /** {@link #rendered(String, String, String, String, Map)} with the runbook's targets. */
  @SuppressWarnings("unchecked")
  public static ActionRequest rendered(
      String runbook,
      String workflowId,
      String stepId,
      String type,
      Map<String, Object> config,
      List<String> targets,
      boolean hostFromAlert) {
    List<SecretRef> refs = new ArrayList<>();
    Object plain = flatten(config == null ? Map.of() : config, new ArrayList<>(), refs);
    return new ActionRequest(
        runbook,
        workflowId,
        stepId,
        type,
        (Map<String, Object>) plain,
        refs,
        targets,
        hostFromAlert);
  }

  private static Object flatten(Object value, List<Object> path, List<SecretRef> refs) {
    if (value instanceof SecretText s) {
      for (SecretText.Span span : s.spans()) {
        refs.add(new SecretRef(path, span.start(), span.end(), span.name()));
      }
      return s.text();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            String key = String.valueOf(k);
            path.add(key);
            out.put(key, flatten(v, path, refs));
            path.remove(path.size() - 1);
          });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        path.add(i);
        out.add(flatten(list.get(i), path, refs));
        path.remove(path.size() - 1);
      }
      return out;
    }
    return value;
  }
}
