package dev.runbooks.bench.overhead;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.util.List;

/** Not written yet. */
public final class OverheadSuite implements Suite {
  @Override
  public String id() {
    return "overhead";
  }

  @Override
  public String title() {
    return "Interpreter overhead";
  }

  @Override
  public List<Table> run(BenchContext context) {
    throw new UnsupportedOperationException("not yet");
  }
}
