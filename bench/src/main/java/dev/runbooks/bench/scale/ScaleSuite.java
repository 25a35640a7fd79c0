package dev.runbooks.bench.scale;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.util.List;

/** Not written yet. */
public final class ScaleSuite implements Suite {
  @Override
  public String id() {
    return "scale";
  }

  @Override
  public String title() {
    return "Scale: open runs on one worker";
  }

  @Override
  public List<Table> run(BenchContext context) {
    throw new UnsupportedOperationException("not yet");
  }
}
