package dev.runbooks.workflows.internal;

import dev.runbooks.api.Wait;
import dev.runbooks.language.model.Step;
import dev.runbooks.workflows.RunMetadata;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.util.Collection;

/**
 * The run's current details in the Temporal Web UI ({@code Workflow.setCurrentDetails}, Markdown):
 * the step that started last and what the run waits for (an approval and from whom, a sleep until
 * when, a condition, an acknowledgement), or how it ended. Updated at step transitions and when a
 * wait starts or ends, from workflow state only, so it is deterministic; current details are
 * answered by the {@code __temporal_workflow_metadata} query and are not a command, so replays do
 * not check them. Text that may come from run data (approval prompts) is escaped.
 */
final class CurrentDetails {
  private static final int LINE_LIMIT = 300;
  private static final int WAITS_SHOWN = 5;

  private final String runbook;
  private final String title;
  private final String workflowId;
  private String step;
  private Collection<Wait> waits = java.util.List.of();
  private String ended;
  private String shown;

  CurrentDetails(String runbook, String title, String workflowId) {
    this.runbook = runbook;
    this.title = title;
    this.workflowId = workflowId;
  }

  /** A step starts. */
  void stepStarted(Step s) {
    step = StepSummaries.of(s, s.type());
    show();
  }

  /** The run's waits changed (the live view of its pending waits). */
  void waits(Collection<Wait> pending) {
    waits = pending;
    show();
  }

  /** The run ended with this outcome. */
  void ended(String outcome) {
    ended = outcome;
    show();
  }

  /** The Markdown shown now. */
  String text() {
    StringBuilder d = new StringBuilder();
    d.append("**Runbook:** ").append(RunMetadata.escape(runbook));
    if (title != null && !title.isBlank()) {
      d.append(" — ").append(RunMetadata.escape(title));
    }
    d.append("  \n");
    if (ended != null) {
      d.append("**Ended:** ").append(RunMetadata.escape(ended));
      if (step != null) {
        d.append(" (last step ").append(RunMetadata.escape(step, LINE_LIMIT)).append(')');
      }
      return d.append('\n').toString();
    }
    if (step != null) {
      d.append("**Current step:** ").append(RunMetadata.escape(step, LINE_LIMIT)).append("  \n");
    }
    if (waits.isEmpty()) {
      return d.append("**Waiting for:** nothing (running)\n").toString();
    }
    d.append("**Waiting for:**\n\n");
    int n = 0;
    for (Wait wait : waits) {
      if (n++ == WAITS_SHOWN) {
        d.append("- and ").append(waits.size() - WAITS_SHOWN).append(" more\n");
        break;
      }
      d.append("- ").append(RunMetadata.escape(wait.line(workflowId), LINE_LIMIT)).append('\n');
    }
    return d.toString();
  }

  private void show() {
    if (!WorkflowUnsafe.isWorkflowThread()) {
      return; // a unit test of the state, outside any workflow
    }
    String text = text();
    if (!text.equals(shown)) {
      shown = text;
      Workflow.setCurrentDetails(text);
    }
  }
}
