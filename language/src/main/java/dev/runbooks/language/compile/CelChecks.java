package dev.runbooks.language.compile;

import dev.runbooks.language.expr.CelText;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.expr.Expressions.Expect;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The CEL environment's own check of an expression (syntax, untyped types), cached by source. */
final class CelChecks {
  private static final Set<String> DYNAMIC_ROOTS =
      Set.of("inputs", "alert", "steps", "run", "result", "item", "error");
  private static final Map<String, List<String>> CEL_CACHE = new ConcurrentHashMap<>();

  private CelChecks() {}

  /** The CEL problems of an expression expected to yield {@code expect}. */
  static List<String> problems(String source, Expect expect) {
    String root = CelText.simplePathRoot(source);
    if (root != null
        && DYNAMIC_ROOTS.contains(root)
        && java.util.Arrays.stream(source.split("\\."))
            .map(String::strip)
            .noneMatch(Expressions::isKeyword)) {
      // a field path into a dynamic variable always type-checks as dyn
      return List.of();
    }
    String key = expect.name() + '\u0000' + source;
    List<String> cached = CEL_CACHE.get(key);
    if (cached == null) {
      cached = List.copyOf(Expressions.standard().check(source, expect));
      if (CEL_CACHE.size() > 20_000) {
        CEL_CACHE.clear();
      }
      CEL_CACHE.put(key, cached);
    }
    return cached;
  }
}
