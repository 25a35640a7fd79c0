package dev.runbooks.language.graph;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Join;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The text shown in a step's node: its name, what it does, and its condition. */
final class StepLabels {
  private StepLabels() {}

  /** The escaped label of a step's node. */
  static String of(Step step) {
    List<String> lines = new ArrayList<>();
    lines.add(step.name() != null && !step.name().isBlank() ? step.name() : step.id());
    lines.addAll(details(step.body()));
    if (step.when() != null) {
      lines.add("when " + step.when());
    }
    return MermaidText.label(lines);
  }

  private static List<String> details(StepBody body) {
    if (body instanceof StepBody.Action action) {
      return List.of(action(action));
    } else if (body instanceof StepBody.Log log) {
      return List.of("log: " + log.message());
    } else if (body instanceof StepBody.Switch) {
      return List.of("switch");
    } else if (body instanceof StepBody.Parallel parallel) {
      return List.of("parallel, join " + joinText(parallel));
    } else if (body instanceof StepBody.Foreach foreach) {
      String limit = foreach.concurrency() > 1 ? ", " + foreach.concurrency() + " at a time" : "";
      return List.of("for each item in " + foreach.items() + limit);
    } else if (body instanceof StepBody.WaitUntil wait) {
      return List.of(
          "wait until " + wait.condition(),
          "probe " + action(wait.probe()),
          "every " + format(wait.interval(), "30s") + ", up to " + format(wait.deadline(), "?"));
    } else if (body instanceof StepBody.Sleep sleep) {
      return List.of(
          "sleep " + (sleep.template() != null ? sleep.template() : format(sleep.duration(), "?")));
    } else if (body instanceof StepBody.Approval approval) {
      String who =
          approval.approvers().isEmpty() ? "anyone" : String.join(", ", approval.approvers());
      return List.of(
          "approval: " + approval.prompt(),
          "by "
              + who
              + ", within "
              + format(approval.timeout(), "1h")
              + (approval.notifyRoutes().isEmpty()
                  ? ""
                  : "; notify " + String.join(", ", approval.notifyRoutes())));
    } else if (body instanceof StepBody.Fail fail) {
      return List.of(
          "fail (" + fail.outcome() + ")", Objects.requireNonNullElse(fail.message(), ""));
    } else if (body instanceof StepBody.Succeed succeed) {
      return List.of(
          "succeed (" + succeed.outcome() + ")", Objects.requireNonNullElse(succeed.message(), ""));
    } else if (body instanceof StepBody.Call call) {
      return List.of("call " + call.runbook() + (call.await() ? "" : " (no wait)"));
    }
    return List.of(body.type());
  }

  /** The join rule of a parallel step, such as {@code all}, {@code any} or {@code 2 of 3}. */
  static String joinText(StepBody.Parallel parallel) {
    if (parallel.join() instanceof Join.AtLeast n) {
      return n.count() + " of " + parallel.branches().size();
    }
    return parallel.join().text();
  }

  private static String action(StepBody.Action action) {
    Map<String, Object> config = action.config();
    return switch (action.type()) {
      case "http" ->
          "http " + text(config.getOrDefault("method", "GET")) + " " + text(config.get("url"));
      case "tcp" -> "tcp " + text(config.get("host")) + ":" + text(config.get("port"));
      case "command" ->
          config.get("argv") instanceof List<?> argv
              ? "command: " + String.join(" ", argv.stream().map(StepLabels::text).toList())
              : "command";
      case "escalate" -> escalate(config);
      default -> action.type();
    };
  }

  /** {@code escalate: oncall}, or a ladder's tiers: {@code escalate: oncall, chat after 10m}. */
  private static String escalate(Map<String, Object> config) {
    if (!(config.get("ladder") instanceof List<?> ladder)) {
      return "escalate: " + text(config.get("route"));
    }
    List<String> tiers = new ArrayList<>();
    for (Object tier : ladder) {
      if (tier instanceof Map<?, ?> t) {
        tiers.add(
            text(t.get("route")) + (t.get("after") == null ? "" : " after " + t.get("after")));
      }
    }
    return "escalate: " + String.join(", ", tiers);
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static String format(Duration duration, String fallback) {
    return duration == null ? fallback : Durations.format(duration);
  }
}
