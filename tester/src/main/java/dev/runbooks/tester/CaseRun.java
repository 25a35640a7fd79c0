package dev.runbooks.tester;

import dev.runbooks.language.model.RouteType;
import dev.runbooks.language.steps.ActionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one running case has seen so far: the calls of each step (which pick a mock's answer), the
 * escalations sent, the decisions still to send when asked, and the problems that fail it whatever
 * the run's end.
 */
final class CaseRun {
  /** An escalation a step (or an approval's notice) sent. */
  record Escalation(String step, String route, String severity, String text, boolean notice) {}

  private final TestFile.Case testCase;
  private final String workflowId;
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();
  private final List<Escalation> escalations = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<TestFile.DecisionAt> asks = new ArrayList<>();

  CaseRun(TestFile.Case testCase, String workflowId) {
    this.testCase = testCase;
    this.workflowId = workflowId;
    for (TestFile.DecisionAt d : testCase.decisions()) {
      if (d.at() == null) {
        asks.add(d);
      }
    }
  }

  TestFile.Case testCase() {
    return testCase;
  }

  String workflowId() {
    return workflowId;
  }

  /** The number of the call of {@code step} now made (0 for the first). */
  int nextCall(String step) {
    return calls.merge(step, 1, Integer::sum) - 1;
  }

  /** Whether a decision waits to be sent when its step asks. */
  synchronized boolean hasAsks() {
    return !asks.isEmpty();
  }

  /** Adds a decision to send when its step asks (a timed decision that has come due). */
  synchronized void addAsk(TestFile.DecisionAt decision) {
    asks.add(decision);
  }

  /**
   * Takes the first decision waiting to be asked whose step is among {@code waiting} (or that names
   * no step), or null.
   */
  synchronized TestFile.DecisionAt takeAsk(List<String> waiting) {
    for (int i = 0; i < asks.size(); i++) {
      TestFile.DecisionAt d = asks.get(i);
      if (d.step() == null ? !waiting.isEmpty() : waiting.contains(d.step())) {
        return asks.remove(i);
      }
    }
    return null;
  }

  synchronized List<TestFile.DecisionAt> unsentAsks() {
    return List.copyOf(asks);
  }

  synchronized void problem(String message) {
    if (!problems.contains(message)) {
      problems.add(message);
    }
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  synchronized List<Escalation> escalations() {
    return List.copyOf(escalations);
  }

  /**
   * Records an escalate step's message and answers as a delivered escalation does. Notices of
   * approvals ({@code approvalFor}) are recorded apart: they are not the runbook's escalations.
   */
  synchronized Map<String, Object> escalated(ActionRequest request) {
    Map<String, Object> config = request.config();
    String route = text(config.get("route"));
    String text = text(config.get("summary")) + "\n" + text(config.get("details"));
    boolean notice = config.get("approvalFor") != null;
    escalations.add(
        new Escalation(
            request.stepId(),
            route == null ? text(config.get("url")) : route,
            text(config.get("severity")),
            text,
            notice));
    Map<String, Object> result = new LinkedHashMap<>();
    boolean typed = route != null && RouteType.fromYaml(route).isPresent();
    result.put("route", typed ? route : "webhook");
    if (!typed && route != null) {
      result.put("routeName", route);
    }
    result.put(
        "action", config.get("action") == null ? "trigger" : String.valueOf(config.get("action")));
    result.put("delivered", true);
    result.put("status", 202L);
    result.put("dedupKey", config.get("dedupKey") == null ? null : text(config.get("dedupKey")));
    result.put("attempt", 1L);
    result.put("endpoint", "test:" + (route == null ? "url" : route));
    result.put("duplicateSuppressed", false);
    return result;
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
