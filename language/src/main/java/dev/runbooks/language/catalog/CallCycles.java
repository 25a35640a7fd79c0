package dev.runbooks.language.catalog;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds {@code call} cycles between runbooks ({@code a} calls {@code b}, which calls {@code a})
 * that no call in the cycle bounds with {@code maxDepth}. A runbook calling itself is the
 * compiler's to report, since it needs no other file; a cycle through several runbooks needs them
 * all, so the catalog checks it after loading. Only calls without {@code maxDepth} count as edges:
 * every cycle left among them is unbounded, and a cycle with one bounded call is cut there at run
 * time.
 */
public final class CallCycles {
  private CallCycles() {}

  /**
   * The problems of every runbook that sits in an unbounded call cycle, by runbook name: one per
   * call that leads into the cycle, at that call's {@code runbook} field. Runbooks in no cycle are
   * absent.
   *
   * @param byName the runbooks to consider, by name (calls to other names are ignored)
   */
  public static Map<String, List<Problem>> find(Map<String, CompiledRunbook> byName) {
    Map<String, Map<String, List<Step>>> edges = new TreeMap<>();
    byName.forEach((name, runbook) -> edges.put(name, unboundedCalls(runbook, byName)));
    Map<String, List<Problem>> out = new TreeMap<>();
    for (Set<String> component : components(edges)) {
      if (component.size() < 2) {
        continue;
      }
      for (String name : component) {
        List<Problem> problems = new ArrayList<>();
        edges
            .get(name)
            .forEach(
                (target, steps) -> {
                  if (!component.contains(target)) {
                    return;
                  }
                  List<String> cycle = new ArrayList<>();
                  cycle.add(name);
                  cycle.addAll(path(target, name, edges, component));
                  for (Step step : steps) {
                    problems.add(
                        new Problem(
                            step.location(),
                            step.path() + ".call.runbook",
                            "call cycle "
                                + String.join(" -> ", cycle)
                                + ": declare maxDepth on one of these calls (such as maxDepth: 3)"
                                + " to bound how deep the calls can nest"));
                  }
                });
        out.put(name, problems);
      }
    }
    return out;
  }

  /** The calls without maxDepth to other runbooks among these, by target name. */
  private static Map<String, List<Step>> unboundedCalls(
      CompiledRunbook runbook, Map<String, CompiledRunbook> byName) {
    Map<String, List<Step>> calls = new TreeMap<>();
    for (Step step : runbook.stepsById().values()) {
      if (step.body() instanceof StepBody.Call c
          && c.maxDepth() == null
          && !c.runbook().equals(runbook.name())
          && byName.containsKey(c.runbook())) {
        calls.computeIfAbsent(c.runbook(), k -> new ArrayList<>()).add(step);
      }
    }
    return calls;
  }

  /** The shortest path of names from {@code from} to {@code to} inside the component. */
  private static List<String> path(
      String from, String to, Map<String, Map<String, List<Step>>> edges, Set<String> within) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    parent.put(from, from);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      if (at.equals(to)) {
        break;
      }
      for (String next : edges.get(at).keySet()) {
        if (within.contains(next) && parent.putIfAbsent(next, at) == null) {
          queue.add(next);
        }
      }
    }
    List<String> path = new ArrayList<>();
    for (String at = to; ; at = parent.get(at)) {
      path.add(0, at);
      if (at.equals(from)) {
        return path;
      }
    }
  }

  /** Strongly connected components (Tarjan), each a set of names. */
  private static List<Set<String>> components(Map<String, Map<String, List<Step>>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    List<Set<String>> out = new ArrayList<>();
    for (String start : edges.keySet()) {
      if (!index.containsKey(start)) {
        strongConnect(start, edges, index, low, stack, onStack, out);
      }
    }
    return out;
  }

  private static void strongConnect(
      String v,
      Map<String, Map<String, List<Step>>> edges,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        strongConnect(w, edges, index, low, stack, onStack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new java.util.TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      out.add(component);
    }
  }

  /** The runbooks of a catalog state by name, as {@link #find(Map)} takes them. */
  static Map<String, CompiledRunbook> plans(Map<String, CatalogEntry> entries) {
    Map<String, CompiledRunbook> plans = new LinkedHashMap<>();
    entries.forEach((name, entry) -> plans.put(name, entry.compiled()));
    return plans;
  }
}
