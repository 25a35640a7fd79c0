package dev.runbooks.language.compile;

import java.util.List;

/**
 * A compiler check planted on purpose in the compiler's package, outside the shipped classes: it
 * uses a parallel stream, as {@code ExpressionCheck} once did in the workflow thread. {@code
 * WorkflowDeterminismTest} shows that the determinism rules reject it. Nothing calls it.
 */
public final class PlantedParallelCheck {
  private PlantedParallelCheck() {}

  static long nonBlank(List<String> expressions) {
    return expressions.parallelStream().filter(e -> !e.isBlank()).count();
  }
}
