package dev.runbooks.language.graph;

import dev.runbooks.language.model.Runbook;

/**
 * Renders a runbook's steps as a Mermaid {@code flowchart TD}, for docs, the CLI and run pages.
 *
 * <p>Steps follow each other with solid edges from a {@code START} node to a {@code STOP} node.
 * Switch cases are edges labelled with their condition; parallel branches fan out from the parallel
 * step and meet again in a join node; a foreach is a subgraph holding its steps. Waits and
 * approvals have shapes of their own, fail and succeed end the flow, {@code onFailure} jumps,
 * continues and handlers are dashed edges, compensation steps hang off the step they undo on a
 * dashed edge, and {@code finally} steps form a subgraph that runs before the end.
 *
 * <p>Node ids are the step ids, except for ids Mermaid reserves (such as {@code end}), which get
 * the prefix {@code S_}; generated nodes ({@code START}, {@code STOP}, {@code FINALLY}, {@code
 * J_<id>} for joins) use capitals, so they never collide with step ids. Labels are quoted and
 * escaped, so any text in a runbook renders as text.
 */
public final class MermaidGraph {
  private MermaidGraph() {}

  /** The Mermaid source of the runbook's flowchart, ending with a newline. */
  public static String render(Runbook rb) {
    return new GraphBuilder(rb).build();
  }

  /**
   * The node id the graph gives a step: the step id, or {@code S_<id>} for ids Mermaid reserves.
   * Run pages use it to style the nodes of the steps a run reached.
   */
  public static String nodeId(String stepId) {
    return MermaidText.nodeId(stepId);
  }
}
