package dev.runbooks.language.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code promql.escape} and {@code promql.escapeRegex} in runbook expressions. */
class PromqlFunctionsTest {
  @Test
  void escapesALabelValueForADoubleQuotedMatcher() {
    Object out =
        Expressions.standard()
            .evaluate(
                "'up{job=\"' + promql.escape(inputs.job) + '\"}'",
                Map.of("inputs", Map.of("job", "a\"} or vector(1) #\\\n")));
    assertThat(out).isEqualTo("up{job=\"a\\\"} or vector(1) #\\\\\\n\"}");
  }

  @Test
  void escapesRegexMetacharactersToo() {
    assertThat(PromqlFunctions.escapeRegex("api.v1+")).isEqualTo("api\\\\.v1\\\\+");
  }

  @Test
  void theCompilerKnowsBothFunctions() {
    assertThat(Expressions.standard().check("promql.escape('x') == 'x'", Expressions.Expect.BOOL))
        .isEmpty();
    assertThat(
            Expressions.standard().check("promql.escapeRegex(1) == 'x'", Expressions.Expect.BOOL))
        .isNotEmpty();
  }
}
