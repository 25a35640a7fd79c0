package dev.runbooks.workflows;

import dev.runbooks.workflows.internal.RunDriver;
import io.temporal.common.converter.EncodedValues;
import io.temporal.workflow.DynamicWorkflow;

/**
 * The one workflow implementation behind every runbook. Its workflow type is the runbook's name; it
 * loads the runbook's current source once (pinning that version for the run's life), binds the
 * inputs and interprets the steps. See {@link RunbookWorkflow} for the contract.
 */
public class RunbookWorkflowImpl implements DynamicWorkflow {
  @Override
  public Object execute(EncodedValues args) {
    return new RunDriver().run(args);
  }
}
