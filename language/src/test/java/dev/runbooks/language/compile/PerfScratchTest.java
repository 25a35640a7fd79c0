package dev.runbooks.language.compile;

import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.parse.YamlParser;
import org.junit.jupiter.api.Test;

class PerfScratchTest {
  static String big(int salt) {
    StringBuilder source =
        new StringBuilder(
            "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata: {name: big}\n"
                + "inputs: {base: {default: 'http://x'}}\nsteps:\n");
    for (int i = 0; i < 1000; i++) {
      source.append("  - id: s").append(i).append("\n");
      if (i % 2 == 0) {
        source.append("    when: \"inputs.base != '' && ").append(i + salt).append(" >= 0\"\n");
        source.append("    http:\n      url: \"${{ inputs.base }}/").append(i).append("\"\n");
        source.append("    outputs: {code: result.status}\n");
      } else {
        source.append("    log: \"previous ${{ steps.s").append(i - 1).append(".outputs.code }}\"\n");
      }
    }
    return source.toString();
  }

  @Test
  void perf() {
    for (int round = 0; round < 6; round++) {
      String text = big(round * 10000);
      long t0 = System.nanoTime();
      var parsed = YamlParser.parse(text, "b");
      long t1 = System.nanoTime();
      SchemaCheck.validate(parsed.root(), parsed.locations());
      long t2 = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        Expressions.standard().check("inputs.base != '' && " + (i + round * 100000 + 7) + " >= 0", Expressions.Expect.BOOL);
      }
      long t3 = System.nanoTime();
      RunbookCompiler.standard().compile(text, "b").orThrow();
      long t4 = System.nanoTime();
      System.out.printf("parse %d schema %d cel500 %d compile %d%n", (t1 - t0) / 1000000, (t2 - t1) / 1000000, (t3 - t2) / 1000000, (t4 - t3) / 1000000);
    }
  }
}
