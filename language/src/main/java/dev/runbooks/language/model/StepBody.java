package dev.runbooks.language.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The kind-specific part of a step. Action steps (http, tcp, command and every remediation step)
 * share one shape, {@link Action}: a type name and a JSON-like config whose strings may hold {@code
 * ${{ }}} templates; the activity that executes the type binds the config. Control steps are
 * interpreted by the workflow and have records of their own.
 */
public sealed interface StepBody {
  /** The step type as written in YAML. */
  String type();

  /**
   * A step that runs an activity named after its type. The config is a plain JSON-like tree (Map,
   * List, String, Long, Double, Boolean, null) as written, before interpolation. {@code ladder} is
   * the compiled {@link EscalationLadder} of an {@code escalate} step that has one (the workflow
   * climbs it, posting one tier at a time), else null.
   */
  record Action(String type, Map<String, Object> config, EscalationLadder ladder)
      implements StepBody {
    public Action {
      config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** An action without a ladder. */
    public Action(String type, Map<String, Object> config) {
      this(type, config, null);
    }
  }

  /** Writes a message to the run's log and report; the message is a template. */
  record Log(String message, LogLevel level) implements StepBody {
    public Log {
      level = level == null ? LogLevel.INFO : level;
    }

    @Override
    public String type() {
      return "log";
    }
  }

  /** The first case whose condition holds runs; otherwise the default steps (may be empty). */
  record Switch(List<Case> cases, List<Step> defaultSteps) implements StepBody {
    public Switch {
      cases = List.copyOf(cases);
      defaultSteps = defaultSteps == null ? List.of() : List.copyOf(defaultSteps);
    }

    @Override
    public String type() {
      return "switch";
    }
  }

  /** One branch of a switch: a CEL condition and the steps it guards. */
  record Case(String when, List<Step> steps, Location location) {
    public Case {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Branches run at once. The step succeeds when as many branches as {@code join} requires
   * succeeded; the rest are cancelled.
   */
  record Parallel(List<Branch> branches, Join join) implements StepBody {
    public Parallel {
      branches = List.copyOf(branches);
      join = join == null ? Join.ALL : join;
    }

    @Override
    public String type() {
      return "parallel";
    }

    /** How many branches must succeed. */
    public int required() {
      return join.required(branches.size());
    }
  }

  /** A named list of steps inside a parallel step. */
  record Branch(String name, List<Step> steps, Location location) {
    public Branch {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Runs its steps once per element of the list the CEL {@code items} expression yields, at most
   * {@code concurrency} at a time; inside, {@code item} and {@code index} name the element.
   */
  record Foreach(String items, int concurrency, List<Step> steps) implements StepBody {
    public Foreach {
      steps = List.copyOf(steps);
    }

    @Override
    public String type() {
      return "foreach";
    }
  }

  /**
   * Re-runs the probe action every interval on a durable timer until the CEL condition over its
   * {@code result} holds, or the deadline passes. {@code onTimeout} says whether the step then
   * fails or succeeds. When {@code untilResolved} is set, a resolved alert ends the wait early.
   * When the CEL condition {@code failWhen} (empty for none) holds over a probe's result, waiting
   * is pointless and the step fails at once.
   */
  record WaitUntil(
      Action probe,
      String condition,
      Duration interval,
      Duration deadline,
      OnWaitTimeout onTimeout,
      boolean untilResolved,
      String failWhen)
      implements StepBody {
    public WaitUntil {
      failWhen = failWhen == null ? "" : failWhen;
      onTimeout = onTimeout == null ? OnWaitTimeout.FAIL : onTimeout;
    }

    /** A wait without a failWhen condition. */
    public WaitUntil(
        Action probe,
        String condition,
        Duration interval,
        Duration deadline,
        OnWaitTimeout onTimeout,
        boolean untilResolved) {
      this(probe, condition, interval, deadline, onTimeout, untilResolved, "");
    }

    @Override
    public String type() {
      return "waitUntil";
    }
  }

  /** Waits on a durable timer. */
  record Sleep(Duration duration, String template) implements StepBody {
    /** A sleep of a duration written out. */
    public Sleep(Duration duration) {
      this(duration, null);
    }

    @Override
    public String type() {
      return "sleep";
    }
  }

  /**
   * Waits for a person's decision. {@code approvers} empty means anyone may decide. {@code
   * onTimeout} says what a timeout counts as; {@code onReject} whether a rejection fails the step
   * (with ApprovalRejected) or lets it succeed with approved=false. When the wait starts, a message
   * with the prompt and approve/reject links goes to each route named in {@code notify} (routes the
   * worker configures). Approvers are {@code user:<name>}, {@code group:<name>} or bare names
   * (users). {@code distinct}: whoever started the run cannot decide; {@code required}: how many
   * distinct approvers must approve (a rejection by any of them rejects); {@code via}: whether only
   * decisions sealed by the engine count. {@code route}: with {@code onTimeout: escalate}, the
   * route paged when nobody decided in time (null otherwise).
   */
  record Approval(
      String prompt,
      List<String> approvers,
      Duration timeout,
      OnApprovalTimeout onTimeout,
      OnReject onReject,
      List<String> notifyRoutes,
      boolean distinct,
      int required,
      DecisionVia via,
      String route)
      implements StepBody {
    public Approval {
      onTimeout = onTimeout == null ? OnApprovalTimeout.REJECT : onTimeout;
      onReject = onReject == null ? OnReject.FAIL : onReject;
      approvers = approvers == null ? List.of() : List.copyOf(approvers);
      notifyRoutes = notifyRoutes == null ? List.of() : List.copyOf(notifyRoutes);
      required = Math.max(1, required);
      via = via == null ? DecisionVia.ENGINE : via;
    }

    /** An approval with rules and no timeout route. */
    public Approval(
        String prompt,
        List<String> approvers,
        Duration timeout,
        OnApprovalTimeout onTimeout,
        OnReject onReject,
        List<String> notifyRoutes,
        boolean distinct,
        int required,
        DecisionVia via) {
      this(
          prompt,
          approvers,
          timeout,
          onTimeout,
          onReject,
          notifyRoutes,
          distinct,
          required,
          via,
          null);
    }

    /** An approval with the default rules: one approver, the starter may decide, via engine. */
    public Approval(
        String prompt,
        List<String> approvers,
        Duration timeout,
        OnApprovalTimeout onTimeout,
        OnReject onReject,
        List<String> notifyRoutes) {
      this(
          prompt,
          approvers,
          timeout,
          onTimeout,
          onReject,
          notifyRoutes,
          false,
          1,
          DecisionVia.ENGINE);
    }

    /** An approval that notifies no one. */
    public Approval(
        String prompt,
        List<String> approvers,
        Duration timeout,
        OnApprovalTimeout onTimeout,
        OnReject onReject) {
      this(prompt, approvers, timeout, onTimeout, onReject, List.of());
    }

    @Override
    public String type() {
      return "approval";
    }
  }

  /** Ends the run as failed (or escalated) with a message; compensation and finally run. */
  record Fail(String message, EndOutcome outcome) implements StepBody {
    public Fail {
      outcome = outcome == null ? EndOutcome.FAILED : outcome;
    }

    @Override
    public String type() {
      return "fail";
    }
  }

  /** Ends the run at once with the stated outcome (resolved or escalated); finally runs. */
  record Succeed(String message, EndOutcome outcome) implements StepBody {
    public Succeed {
      outcome = outcome == null ? EndOutcome.RESOLVED : outcome;
    }

    @Override
    public String type() {
      return "succeed";
    }
  }

  /**
   * Runs another runbook as a child workflow; inputs are templates. {@code maxDepth} (null when not
   * declared) bounds the depth of nested calls this call may start, as a call that can come back to
   * its own runbook must.
   */
  record Call(String runbook, Map<String, Object> inputs, boolean await, Integer maxDepth)
      implements StepBody {
    public Call {
      inputs =
          inputs == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    }

    /** A call without maxDepth. */
    public Call(String runbook, Map<String, Object> inputs, boolean await) {
      this(runbook, inputs, await, null);
    }

    @Override
    public String type() {
      return "call";
    }
  }
}
