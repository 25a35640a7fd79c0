package dev.runbooks.bench.overhead;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/** The hand-written counterpart of the {@code bench-ten-probes} runbook. */
@WorkflowInterface
public interface TenProbes {
  /** The workflow type the overhead suite starts. */
  String TYPE = "BenchTenProbesJava";

  /** Probes {@code <baseUrl>/ok/1} to {@code /ok/10} one after the other; returns the outcome. */
  @WorkflowMethod(name = TYPE)
  Map<String, Object> run(String baseUrl);
}
