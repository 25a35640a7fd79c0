package dev.runbooks.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Polls a run and prints one line each time a step starts, waits or ends, with its timing and
 * outcome, until the run closes; then prints the outcome and returns the exit code of {@link
 * RunView#exitCode()}.
 */
public final class RunFollower {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Supplier<Map<String, Object>> poll;
  private final PrintWriter out;
  private final Duration interval;
  private final Map<String, String> printed = new HashMap<>();
  private final Set<String> waits = new HashSet<>();

  /** Creates a follower that gets the run from {@code poll} every {@code interval}. */
  public RunFollower(Supplier<Map<String, Object>> poll, PrintWriter out, Duration interval) {
    this.poll = poll;
    this.out = out;
    this.interval = interval;
  }

  /** Follows until the run closes and returns the exit code for its outcome. */
  public int follow() throws InterruptedException {
    while (true) {
      RunView view = new RunView(poll.get());
      print(view);
      if (view.closed()) {
        return finish(view);
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private void print(RunView view) {
    String workflowId = String.valueOf(view.run().get("workflowId"));
    for (Map<String, Object> step : view.steps()) {
      String id = String.valueOf(step.get("id"));
      String status = String.valueOf(step.get("status"));
      if (status.equals("pending") || status.equals(printed.get(id))) {
        continue;
      }
      printed.put(id, status);
      String label = id + " (" + step.get("type") + ")";
      switch (status) {
        case "running" -> line(label + " started");
        case "waiting" -> line(label + " waiting");
        default -> {
          String took = RunView.duration(step.get("durationMs"));
          String details = RunView.details(step);
          line(
              label
                  + " "
                  + status
                  + (took == null ? "" : " in " + took)
                  + (details == null ? "" : "  " + details));
        }
      }
    }
    for (Map<String, Object> wait : view.waiting()) {
      String key = wait.get("step") + "/" + wait.get("kind") + "/" + wait.get("deadline");
      if (waits.add(key)) {
        line("  " + RunView.describeWait(wait, workflowId));
      }
    }
  }

  private int finish(RunView view) {
    Map<String, Object> state = view.state();
    String message = state.get("message") == null ? "" : ": " + state.get("message");
    if (view.run().get("error") != null) {
      message += " (" + view.run().get("error") + ")";
    }
    line("run " + view.run().get("workflowId") + " " + view.outcome() + message);
    return view.exitCode();
  }

  private void line(String text) {
    out.println("[" + LocalTime.now().format(CLOCK) + "] " + text);
    out.flush();
  }
}
