package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.api.StepStatus;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel branches and foreach iterations: each runs in a workflow thread of its own inside its
 * own cancellation scope, so a satisfied join can cancel the rest.
 */
final class FanOut {
  private final StepRuntime runtime;

  FanOut(StepRuntime runtime) {
    this.runtime = runtime;
  }

  /** The end of one branch or iteration. */
  private record Done(StepStatus status, StepFailed failure, RuntimeException transfer) {}

  private Runner start(Runnable body) {
    CompletablePromise<Done> promise = Workflow.newPromise();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                Async.procedure(
                    () -> {
                      try {
                        body.run();
                        promise.complete(new Done(StepStatus.SUCCEEDED, null, null));
                      } catch (StepFailed failed) {
                        promise.complete(new Done(StepStatus.FAILED, failed, null));
                      } catch (CanceledFailure canceled) {
                        promise.complete(new Done(StepStatus.CANCELLED, null, null));
                      } catch (ControlTransfer.EndRun | ControlTransfer.Jump transfer) {
                        promise.complete(new Done(StepStatus.ENDED, null, transfer));
                      }
                    }));
    scope.run();
    return new Runner(scope, promise);
  }

  private record Runner(CancellationScope scope, CompletablePromise<Done> promise) {}

  /** Runs a parallel step; no checkpoint is taken while its branches run. */
  Object parallel(Step step, StepBody.Parallel p, StepScope scope) {
    runtime.position().enterUnsafe();
    try {
      return branches(step, p, scope);
    } finally {
      runtime.position().exitUnsafe();
    }
  }

  private Object branches(Step step, StepBody.Parallel p, StepScope scope) {
    int required = p.required();
    List<Runner> runners = new ArrayList<>();
    for (StepBody.Branch b : p.branches()) {
      runners.add(start(() -> runtime.runList(b.steps(), scope)));
    }
    int total = runners.size();
    await(
        runners,
        () -> {
          int ok = 0;
          int bad = 0;
          for (Runner r : runners) {
            if (r.promise.isCompleted()) {
              StepStatus s = r.promise.get().status;
              if (s == StepStatus.SUCCEEDED) {
                ok++;
              } else {
                bad++;
              }
              if (s == StepStatus.ENDED) {
                return true;
              }
            }
          }
          return ok >= required || total - bad < required;
        });
    runners.forEach(r -> r.scope.cancel());
    await(runners, () -> runners.stream().allMatch(r -> r.promise.isCompleted()));
    Map<String, Object> branches = new LinkedHashMap<>();
    int ok = 0;
    StepFailed firstFailure = null;
    for (int i = 0; i < total; i++) {
      Done d = runners.get(i).promise.get();
      if (d.transfer != null) {
        throw d.transfer;
      }
      String name = p.branches().get(i).name();
      branches.put(name == null ? "branch" + i : name, d.status.wire());
      if (d.status == StepStatus.SUCCEEDED) {
        ok++;
      } else if (d.failure != null && firstFailure == null) {
        firstFailure = d.failure;
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("join", p.join().text());
    result.put("succeeded", (long) ok);
    result.put("branches", branches);
    if (ok < required) {
      StepError cause = firstFailure == null ? null : firstFailure.error;
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.PARALLEL_JOIN_FAILED,
              ok
                  + " of "
                  + total
                  + " branches succeeded, "
                  + required
                  + " needed"
                  + (firstFailure == null ? "" : "; " + firstFailure.getMessage()),
              cause == null ? null : cause.toMap()),
          result);
    }
    return result;
  }

  Object foreach(Step step, StepBody.Foreach f, StepScope scope) {
    ForeachCursor cursor = new ForeachCursor(runtime, step.id());
    Object items =
        cursor.resumed()
            ? cursor.items()
            : Expressions.standard().evaluate(f.items(), runtime.variables(scope));
    if (!(items instanceof List<?> list)) {
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.EXPRESSION_FAILED,
              "foreach items '" + f.items() + "' yielded " + describe(items) + ", not a list",
              null),
          null);
    }
    int concurrency = Math.max(1, f.concurrency());
    List<Runner> runners = new ArrayList<>();
    List<StepScope> scopes = new ArrayList<>();
    cursor.track(list, scopes, concurrency);
    int outer = concurrency > 1 ? runtime.position().enterUnsafe() : -1;
    try {
      for (int i = cursor.start(); i < list.size(); i++) {
        await(runners, () -> running(runners) < concurrency || anyFailed(runners));
        if (anyFailed(runners)) {
          break;
        }
        if (cursor.tracked() && outer <= 0 && runtime.continuing() != null) {
          betweenItems(cursor, runners, i, outer == 0);
          if (anyFailed(runners)) {
            break;
          }
        }
        StepScope iteration = cursor.iteration(scope, i);
        scopes.add(iteration);
        runners.add(start(() -> runtime.runList(f.steps(), iteration)));
      }
      await(runners, () -> running(runners) == 0);
    } finally {
      if (outer >= 0) {
        runtime.position().exitUnsafe();
      }
    }
    List<Object> results = new ArrayList<>(cursor.carried());
    StepFailed firstFailure = null;
    for (int i = 0; i < runners.size(); i++) {
      Done d = runners.get(i).promise.get();
      if (d.transfer != null) {
        throw d.transfer;
      }
      int index = cursor.start() + i;
      results.add(ForeachCursor.result(index, list.get(index), d.status.wire(), scopes.get(i)));
      if (d.failure != null && firstFailure == null) {
        firstFailure = d.failure;
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", (long) list.size());
    result.put("items", results);
    if (firstFailure != null) {
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.FOREACH_ITEM_FAILED,
              firstFailure.getMessage(),
              firstFailure.error.toMap()),
          result);
    }
    return result;
  }

  /**
   * A safe point between items: when the run is due to continue as new, waits for the items in
   * flight (with concurrency above 1), and when none failed, lets it continue before item {@code
   * next}. The position stays untracked while iterations run concurrently.
   */
  private void betweenItems(ForeachCursor cursor, List<Runner> runners, int next, boolean flag) {
    if (!dueUnflagged(flag)) {
      return;
    }
    await(runners, () -> running(runners) == 0);
    if (anyFailed(runners)) {
      return;
    }
    cursor.between(next);
    if (flag) {
      runtime.position().exitUnsafe();
    }
    try {
      runtime.continuing().safePoint();
    } finally {
      if (flag) {
        runtime.position().enterUnsafe();
      }
    }
  }

  private boolean dueUnflagged(boolean flag) {
    if (flag) {
      runtime.position().exitUnsafe();
    }
    try {
      return runtime.continuing().due();
    } finally {
      if (flag) {
        runtime.position().enterUnsafe();
      }
    }
  }

  /**
   * Awaits the condition; when a deadline cancels the step meanwhile, first lets the branches end
   * (see {@link Deadlines#settle}).
   */
  private static void await(List<Runner> runners, java.util.function.Supplier<Boolean> condition) {
    try {
      Workflow.await(condition);
    } catch (CanceledFailure canceled) {
      Deadlines.settle(() -> running(runners) == 0);
      throw canceled;
    }
  }

  private static int running(List<Runner> runners) {
    int n = 0;
    for (Runner r : runners) {
      if (!r.promise.isCompleted()) {
        n++;
      }
    }
    return n;
  }

  private static boolean anyFailed(List<Runner> runners) {
    for (Runner r : runners) {
      if (r.promise.isCompleted() && r.promise.get().status != StepStatus.SUCCEEDED) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Object v) {
    return dev.runbooks.language.expr.CelValues.describe(v);
  }
}
