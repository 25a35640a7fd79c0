package dev.runbooks.language.compile;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import org.junit.jupiter.api.Test;

class PerfScratch2Test {
  @Test
  void perf() throws Exception {
    var dynMap = MapType.create(SimpleType.STRING, SimpleType.DYN);
    Cel cel =
        CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("inputs", dynMap)
            .addVar("steps", dynMap)
            .addVar("result", SimpleType.DYN)
            .build();
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        cel.parse("inputs.base != '' && " + (i + round * 100000) + " >= 0").getAst();
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        var ast = cel.parse("inputs.base != '' && " + (i + round * 100000 + 50000) + " >= 0").getAst();
        cel.check(ast).getAst();
      }
      long t2 = System.nanoTime();
      System.out.printf("parse500 %d parse+check500 %d%n", (t1 - t0) / 1000000, (t2 - t1) / 1000000);
    }
  }
}
