package dev.runbooks.tester.record;

import java.util.List;
import java.util.Map;

/**
 * A test case recorded from a run, ready to be written into a {@code <name>.test.yaml} file.
 *
 * @param runbook the runbook the run ran (the test file's {@code runbook:})
 * @param workflowId the recorded run's workflow id
 * @param name the case's name
 * @param testCase the case as the test file format writes it (name, inputs, alert, mocks,
 *     decisions, signals, expect), in the format's key order
 * @param missing the workflow ids of called runbooks' runs whose histories were not read (their
 *     steps have no mocks)
 */
public record RecordedCase(
    String runbook,
    String workflowId,
    String name,
    Map<String, Object> testCase,
    List<String> missing) {}
