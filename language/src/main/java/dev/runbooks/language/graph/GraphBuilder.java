package dev.runbooks.language.graph;

import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one flowchart. Node and subgraph declarations are written in nesting order, so each node
 * lands in its subgraph; edges are collected and written after them, followed by the classes.
 */
final class GraphBuilder {
  private static final String START = "START";
  private static final String STOP = "STOP";
  private static final String FINALLY = "FINALLY";

  /** An edge that still needs its target: where it starts, its label, and whether it is dashed. */
  private record Exit(String from, String label, boolean dashed) {
    static Exit of(String from) {
      return new Exit(from, null, false);
    }
  }

  private final Runbook rb;
  private final StringBuilder nodes = new StringBuilder();
  private final List<String> edges = new ArrayList<>();
  private final Map<String, List<String>> classes = new TreeMap<>();
  private final List<Exit> terminals = new ArrayList<>();

  GraphBuilder(Runbook rb) {
    this.rb = rb;
  }

  String build() {
    String title = rb.metadata().title() != null ? rb.metadata().title() : rb.name();
    node(1, START + "([\"" + MermaidText.label(title) + "\"])");
    List<Exit> exits = chain(rb.steps(), List.of(Exit.of(START)), 1);
    exits.addAll(terminals);
    terminals.clear();
    if (!rb.finallySteps().isEmpty()) {
      node(1, "subgraph " + FINALLY + "[\"finally\"]");
      node(2, "direction TB");
      chain(rb.finallySteps(), List.of(), 2);
      node(1, "end");
      connect(exits, FINALLY);
      exits = new ArrayList<>(List.of(Exit.of(FINALLY)));
      exits.addAll(terminals);
    }
    node(1, STOP + "([\"end\"])");
    connect(exits, STOP);
    StringBuilder out = new StringBuilder("flowchart TD\n").append(nodes);
    edges.forEach(edge -> out.append("  ").append(edge).append('\n'));
    out.append("  classDef approval fill:#fff4d6,stroke:#c98a00\n")
        .append("  classDef wait fill:#e3efff,stroke:#3b6fc4\n")
        .append("  classDef failure fill:#fde2e2,stroke:#c0392b\n")
        .append("  classDef success fill:#dff5e1,stroke:#2e8b57\n")
        .append("  classDef compensation stroke-dasharray:4 3\n")
        .append("  classDef terminal fill:#eeeeee,stroke:#777777\n");
    classes.forEach(
        (name, ids) ->
            out.append("  class ")
                .append(String.join(",", ids))
                .append(' ')
                .append(name)
                .append('\n'));
    out.append("  class ").append(START).append(',').append(STOP).append(" terminal\n");
    return out.toString();
  }

  /** Renders a step list after the given exits and returns the exits that lead past it. */
  private List<Exit> chain(List<Step> steps, List<Exit> incoming, int depth) {
    List<Exit> current = new ArrayList<>(incoming);
    for (Step step : steps) {
      String id = MermaidText.nodeId(step.id());
      connect(current, id);
      current = step(step, id, depth);
      current.addAll(onFailure(step, id, depth));
      if (!step.compensate().isEmpty()) {
        for (Step undo : step.compensate()) {
          classify("compensation", MermaidText.nodeId(undo.id()));
        }
        chain(step.compensate(), List.of(new Exit(id, "compensate", true)), depth);
      }
    }
    return current;
  }

  private List<Exit> step(Step step, String id, int depth) {
    String label = StepLabels.of(step);
    StepBody body = step.body();
    List<Exit> exits = new ArrayList<>();
    if (body instanceof StepBody.Switch sw) {
      node(depth, id + "{\"" + label + "\"}");
      for (StepBody.Case c : sw.cases()) {
        exits.addAll(chain(c.steps(), List.of(new Exit(id, c.when(), false)), depth));
      }
      String otherwise = sw.defaultSteps().isEmpty() ? "no match" : "default";
      exits.addAll(chain(sw.defaultSteps(), List.of(new Exit(id, otherwise, false)), depth));
    } else if (body instanceof StepBody.Parallel parallel) {
      node(depth, id + "[/\"" + label + "\"/]");
      String join = "J_" + step.id();
      List<Exit> branchExits = new ArrayList<>();
      for (StepBody.Branch branch : parallel.branches()) {
        branchExits.addAll(
            chain(branch.steps(), List.of(new Exit(id, branch.name(), false)), depth));
      }
      node(
          depth,
          join + "((\"" + MermaidText.label("join " + StepLabels.joinText(parallel)) + "\"))");
      connect(branchExits, join);
      exits.add(Exit.of(join));
    } else if (body instanceof StepBody.Foreach foreach) {
      node(depth, "subgraph " + id + "[\"" + label + "\"]");
      node(depth + 1, "direction TB");
      chain(foreach.steps(), List.of(), depth + 1);
      node(depth, "end");
      exits.add(Exit.of(id));
    } else if (body instanceof StepBody.Fail || body instanceof StepBody.Succeed) {
      boolean failed = body instanceof StepBody.Fail;
      node(depth, id + "([\"" + label + "\"])");
      classify(failed ? "failure" : "success", id);
      String outcome =
          (failed ? ((StepBody.Fail) body).outcome() : ((StepBody.Succeed) body).outcome())
              .toString();
      terminals.add(new Exit(id, outcome, false));
      if (step.when() != null) {
        exits.add(new Exit(id, "skipped", true));
      }
    } else {
      node(depth, id + shape(body, label));
      if (body instanceof StepBody.Approval) {
        classify("approval", id);
      } else if (body instanceof StepBody.WaitUntil || body instanceof StepBody.Sleep) {
        classify("wait", id);
      }
      exits.add(Exit.of(id));
    }
    return exits;
  }

  private String shape(StepBody body, String label) {
    if (body instanceof StepBody.WaitUntil) {
      return "{{\"" + label + "\"}}";
    } else if (body instanceof StepBody.Sleep) {
      return "(\"" + label + "\")";
    } else if (body instanceof StepBody.Approval) {
      return "[/\"" + label + "\"\\]";
    } else if (body instanceof StepBody.Log) {
      return ">\"" + label + "\"]";
    } else if (body instanceof StepBody.Call) {
      return "[[\"" + label + "\"]]";
    }
    return "[\"" + label + "\"]";
  }

  private List<Exit> onFailure(Step step, String id, int depth) {
    OnFailure onFailure = step.onFailure();
    if (onFailure instanceof OnFailure.Continue) {
      return List.of(new Exit(id, "on failure: continue", true));
    } else if (onFailure instanceof OnFailure.Goto jump) {
      connect(List.of(new Exit(id, "on failure", true)), MermaidText.nodeId(jump.target()));
    } else if (onFailure instanceof OnFailure.Handle handle) {
      return chain(handle.steps(), List.of(new Exit(id, "on failure", true)), depth);
    }
    return List.of();
  }

  private void connect(List<Exit> exits, String target) {
    for (Exit exit : exits) {
      String arrow = exit.dashed() ? "-.->" : "-->";
      String label =
          exit.label() == null || exit.label().isBlank()
              ? ""
              : "|\"" + MermaidText.label(exit.label()) + "\"|";
      edges.add(exit.from() + " " + arrow + label + " " + target);
    }
  }

  private void node(int depth, String line) {
    nodes.append("  ".repeat(depth)).append(line).append('\n');
  }

  private void classify(String name, String id) {
    classes.computeIfAbsent(name, k -> new ArrayList<>()).add(id);
  }
}
