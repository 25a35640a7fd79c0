package dev.runbooks.language.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CEL extensions runbook expressions can use: strings, math and lists. */
class ExpressionExtensionsTest {
  private final Expressions cel = Expressions.standard();

  @Test
  void joinsAndSplitsStrings() {
    Map<String, Object> vars =
        Map.of("inputs", Map.of("agents", List.of("memory", "planner", "voice")));
    assertThat(cel.evaluate("inputs.agents.join(', ')", vars)).isEqualTo("memory, planner, voice");
    assertThat(cel.evaluate("'a,b,c'.split(',')", Map.of())).isEqualTo(List.of("a", "b", "c"));
    assertThat(cel.evaluate("'Model_Generation'.lowerAscii()", Map.of()))
        .isEqualTo("model_generation");
    assertThat(cel.evaluate("'db-lock'.replace('-', '_')", Map.of())).isEqualTo("db_lock");
  }

  @Test
  void hasMathAndListFunctions() {
    assertThat(cel.evaluate("math.greatest([3, 9, 4])", Map.of())).isEqualTo(9L);
    assertThat(cel.evaluate("math.least(2.5, 1.5)", Map.of())).isEqualTo(1.5);
    assertThat(cel.evaluate("[[1, 2], [3]].flatten()", Map.of())).isEqualTo(List.of(1L, 2L, 3L));
  }

  @Test
  void checksTheExtensionsLikeAnyFunction() {
    assertThat(cel.check("['a'].join(1, 2, 3)", Expressions.Expect.ANY)).isNotEmpty();
    assertThat(cel.check("['a', 'b'].join('-') == 'a-b'", Expressions.Expect.BOOL)).isEmpty();
  }
}
