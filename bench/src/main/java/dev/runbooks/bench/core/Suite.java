package dev.runbooks.bench.core;

import java.util.List;

/** One benchmark suite of {@code make bench}: measures, then returns its tables. */
public interface Suite {
  /** The name used in {@code SUITES=} and in the report's section markers. */
  String id();

  /** The section heading in docs/benchmarks.md. */
  String title();

  /** Runs the suite and returns its tables. */
  List<Table> run(BenchContext context) throws Exception;
}
