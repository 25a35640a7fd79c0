package dev.runbooks.bench.core;

/**
 * The goals of issue #20 ("fast under load"), one line each in the table at the top of
 * docs/benchmarks.md, in the issue's order. Each is measured by one suite, which records its figure
 * with {@link BenchContext#goal}.
 */
public enum IssueGoal {
  /** Ten sequential HTTP probe steps through the interpreter. */
  STEPS_INTERPRETER(
      "steps",
      "10 sequential HTTP probe steps, interpreter: mean ms a run (a step)",
      Goal.atMost(150, "ms (≤ 15 a step)")),
  /** The same ten steps in the hand-written workflow. */
  STEPS_JAVA(
      "steps",
      "10 sequential HTTP probe steps, hand-written workflow: mean ms a run (a step)",
      Goal.atMost(150, "ms (≤ 15 a step)")),
  /** Alert to first step at 10 alerts/s. */
  LATENCY_10("latency", "alert → first step started, p99 at 10 alerts/s", Goal.atMost(50, "ms")),
  /** Alert to first step at 100 alerts/s. */
  LATENCY_100("latency", "alert → first step started, p99 at 100 alerts/s", Goal.atMost(250, "ms")),
  /** The interpreter's throughput against the hand-written workflow's. */
  THROUGHPUT_RATIO(
      "overhead",
      "throughput, hand-written / interpreter runs/s (batches started together)",
      new Goal("≤ 1.05", 1.05, Goal.Kind.AT_MOST)),
  /** The interpreter's history length. */
  HISTORY_EVENTS(
      "overhead", "history events per run, interpreter (ten probes)", Goal.atMost(68, "")),
  /** The storm's intake rate. */
  STORM_RATE(
      "storm",
      "storm (10,000 alerts, 1,000 fingerprints, 64 connections): accepted alerts/s",
      Goal.atLeast(1000, "")),
  /** The storm's webhook answer time. */
  STORM_P99("storm", "storm: webhook p99 ms", Goal.atMost(100, "ms")),
  /** The storm's inbox drain. */
  STORM_DRAIN("storm", "storm: inbox drained after the last POST, s", Goal.atMost(20, "s")),
  /** Nothing lost in the storm. */
  STORM_LOST("storm", "storm: alerts lost", Goal.exactly(0, "")),
  /** A critical alert amid a warning storm. */
  PRIORITY_P99(
      "priority",
      "critical alert amid a 10,000-alert warning storm → first step started, p99",
      Goal.atMost(1000, "ms")),
  /** Nothing lost in the priority storm. */
  PRIORITY_LOST("priority", "priority storm: alerts lost", Goal.exactly(0, "")),
  /** One run per fingerprint in the priority storm. */
  PRIORITY_RUNS(
      "priority",
      "priority storm: runs started (one per fingerprint, critical ones included)",
      new Goal("= expected", 0, Goal.Kind.EXACTLY)),
  /** Seed 003's recovery. */
  RECOVERY_P95(
      "recovery", "seed 003 recovery, p95 of the slowest scenario", Goal.atMost(100, "ms"));

  private final String suite;
  private final String figure;
  private final Goal goal;

  IssueGoal(String suite, String figure, Goal goal) {
    this.suite = suite;
    this.figure = figure;
    this.goal = goal;
  }

  /** The suite that measures it. */
  public String suite() {
    return suite;
  }

  /** How the figure reads in the table. */
  public String figure() {
    return figure;
  }

  /** The goal. */
  public Goal goal() {
    return goal;
  }

  /**
   * A measured figure: the value compared with the goal, and how it reads (with whatever the reader
   * needs beside it, such as the p50 or the settings when they are not the goal's).
   */
  public Result measured(double value, String text) {
    return new Result(this, text, goal.met(value));
  }

  /** A measured figure whose verdict the suite gives (the goal depends on its settings). */
  public Result measured(boolean met, String text) {
    return new Result(this, text, met);
  }

  /**
   * One goal's figure as a suite measured it.
   *
   * @param goal the goal
   * @param measured how the figure reads
   * @param met whether it meets the goal
   */
  public record Result(IssueGoal goal, String measured, boolean met) {}
}
