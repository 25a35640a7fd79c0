package dev.runbooks.language.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CelTextTest {
  @Test
  void blanksEveryKindOfStringLiteral() {
    assertThat(CelText.blankStringLiterals("steps.a.x == 'steps.b' && \"steps.c\" != ''"))
        .isEqualTo("steps.a.x == \"\" && \"\" != \"\"");
    assertThat(CelText.blankStringLiterals("'it\\'s steps.b' + \"a \\\"q\\\" steps.c\""))
        .isEqualTo("\"\" + \"\"");
    assertThat(CelText.blankStringLiterals("'''a ' steps.b ''' + \"\"\"x \"\" steps.c\"\"\""))
        .isEqualTo("\"\" + \"\"");
    assertThat(CelText.blankStringLiterals("r'\\' + steps.a.x + b'\\x00'"))
        .isEqualTo("r\"\" + steps.a.x + b\"\"");
    assertThat(CelText.blankStringLiterals("bar'\\' steps.b'")).isEqualTo("bar\"\"");
  }

  @Test
  void keepsAnUnterminatedLiteralAsItIs() {
    assertThat(CelText.blankStringLiterals("'a' + 'steps.b")).isEqualTo("\"\" + 'steps.b");
    assertThat(CelText.blankStringLiterals("no literal")).isEqualTo("no literal");
  }

  @Test
  void scansVeryLongLiteralsWithoutRecursion() {
    String literal = "'" + "x\\'".repeat(200_000) + "'";

    assertThat(CelText.blankStringLiterals(literal + " + steps.a.x")).isEqualTo("\"\" + steps.a.x");
    assertThat(Expressions.stepReferences(literal + " + steps.a.x")).containsExactly("a");
  }

  @Test
  void findsTheRootOfPlainFieldPaths() {
    assertThat(CelText.simplePathRoot(" steps . probe.outputs .ok ")).isEqualTo("steps");
    assertThat(CelText.simplePathRoot("result")).isEqualTo("result");
    assertThat(CelText.simplePathRoot("inputs" + ".a".repeat(100_000))).isEqualTo("inputs");
    assertThat(CelText.simplePathRoot("steps.a.x == 1")).isNull();
    assertThat(CelText.simplePathRoot("steps.")).isNull();
    assertThat(CelText.simplePathRoot("1.x")).isNull();
    assertThat(CelText.simplePathRoot("  ")).isNull();
  }

  @Test
  void templatesAreFoundInOnePass() {
    assertThat(Templates.expressionsIn("a ${{ x }} b ${{y}}} ${{ unclosed"))
        .containsExactly("x", "y");
    assertThat(Templates.expressionsIn("${{".repeat(100_000))).isEmpty();
    assertThat(Templates.render("n=${{ 1 + 1 }}, s=${{ secrets.TOKEN }}!", Map.of()))
        .isEqualTo("n=2, s=${{ secrets.TOKEN }}!");
    assertThat(Templates.render(" ${{ [1, 2] }} ", Map.of())).isEqualTo(java.util.List.of(1L, 2L));
  }
}
