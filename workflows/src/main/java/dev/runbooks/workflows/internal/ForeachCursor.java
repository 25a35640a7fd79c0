package dev.runbooks.workflows.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a foreach has got, for a checkpoint; and, when the run continues in one, where it picks
 * up: the items it was given, the results of the items finished before, and the steps the running
 * iteration had finished. A checkpoint is taken between items (with no item in flight) or, when
 * items run one at a time, inside the running item.
 */
final class ForeachCursor {
  private final Checkpoint.ForeachProgress resumed;
  private final Position.Level level;
  private List<?> items;
  private List<StepScope> scopes = List.of();
  private boolean sequential;
  private int next;
  private boolean inItem;

  ForeachCursor(StepRuntime runtime, String stepId) {
    Checkpoint.Progress progress = runtime.position().resumedProgress(stepId);
    this.resumed = progress == null ? null : progress.foreach();
    this.level = runtime.position().safe() ? runtime.position().current() : null;
  }

  /** Whether the run continued as new inside this foreach. */
  boolean resumed() {
    return resumed != null;
  }

  /** The items the foreach was given before the run continued. */
  List<Object> items() {
    return resumed.items();
  }

  /** The first item this execution runs. */
  int start() {
    return resumed == null ? 0 : resumed.next();
  }

  /** The results of the items finished in earlier executions. */
  List<Object> carried() {
    return resumed == null ? List.of() : resumed.results();
  }

  /** Starts tracking: the items, the scopes of the items this execution starts, the concurrency. */
  void track(List<?> items, List<StepScope> scopes, int concurrency) {
    this.items = items;
    this.scopes = scopes;
    this.sequential = concurrency <= 1;
    this.next = start();
    if (level != null) {
      level.live = this::progress;
    }
  }

  /** Whether a checkpoint may be taken between this foreach's items. */
  boolean tracked() {
    return level != null;
  }

  /** Between items: the next item to start is {@code i}, none is in flight. */
  void between(int i) {
    next = i;
    inItem = false;
  }

  /** The scope of item {@code i}, with the steps it had run when the run resumes inside it. */
  StepScope iteration(StepScope parent, int i) {
    StepScope iteration = parent.iteration(items.get(i), i);
    if (resumed != null && i == resumed.next() && resumed.iterationSteps() != null) {
      iteration.restoreLocalSteps(resumed.iterationSteps());
    }
    next = i;
    inItem = sequential;
    return iteration;
  }

  private Checkpoint.Progress progress() {
    List<Object> results = new ArrayList<>(carried());
    int first = start();
    for (int i = first; i < next; i++) {
      results.add(result(i, items.get(i), "succeeded", scopes.get(i - first)));
    }
    Map<String, Object> current = inItem ? scopes.get(next - first).localSteps() : null;
    @SuppressWarnings("unchecked")
    List<Object> all = (List<Object>) items;
    return new Checkpoint.Progress(
        null, new Checkpoint.ForeachProgress(all, next, results, current), null);
  }

  /** One item's entry in the foreach result: index, item, status and its steps' outputs. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> result(long index, Object item, String status, StepScope scope) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("index", index);
    r.put("item", item);
    r.put("status", status);
    Map<String, Object> outputs = new LinkedHashMap<>();
    Object steps = scope.variables(Map.of(), Map.of()).get("steps");
    if (steps instanceof Map<?, ?> m) {
      ((Map<String, Object>) m)
          .forEach((id, view) -> outputs.put(id, ((Map<?, ?>) view).get("outputs")));
    }
    r.put("outputs", outputs);
    return r;
  }
}
