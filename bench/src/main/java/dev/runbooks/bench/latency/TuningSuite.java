package dev.runbooks.bench.latency;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.util.List;

/** Not written yet. */
public final class TuningSuite implements Suite {
  @Override
  public String id() {
    return "tuning";
  }

  @Override
  public String title() {
    return "Tuning: before and after";
  }

  @Override
  public List<Table> run(BenchContext context) {
    throw new UnsupportedOperationException("not yet");
  }
}
