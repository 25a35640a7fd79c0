package dev.runbooks.bench.compiler;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.util.List;

/** Not written yet. */
public final class CompilerSuite implements Suite {
  @Override
  public String id() {
    return "compiler";
  }

  @Override
  public String title() {
    return "Compiler";
  }

  @Override
  public List<Table> run(BenchContext context) {
    throw new UnsupportedOperationException("not yet");
  }
}
