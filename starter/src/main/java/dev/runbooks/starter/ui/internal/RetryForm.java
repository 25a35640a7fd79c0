package dev.runbooks.starter.ui.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.model.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run page's part about retries: the links to the run this one retries and to its retries, and
 * for a run that ended without resolving the form that retries it from a top-level step on the
 * pinned or the current version. The form posts to {@code /ui/runs/<id>/retry} (operators, with the
 * page's CSRF token); the retrier is the logged-in person.
 */
final class RetryForm {
  private RetryForm() {}

  /** Writes the links and, when the run can be retried, the form. */
  static void write(
      Html html, Map<String, Object> run, Map<String, Object> state, Optional<CatalogEntry> entry) {
    if (run.get("retryOf") instanceof Map<?, ?> of) {
      html.open("p", "class", "retry-of").text("Retry of ");
      html.link(
          Html.runPath(String.valueOf(of.get("workflowId"))),
          String.valueOf(of.get("workflowId")),
          "class",
          "mono");
      html.text(
          " (" + of.get("how") + ", from step " + of.get("from") + ", by " + of.get("by") + ")");
      html.close("p");
    }
    if (run.get("retriedBy") instanceof List<?> by && !by.isEmpty()) {
      html.open("p", "class", "retried-by").text("Retried by ");
      for (Object o : by) {
        if (o instanceof Map<?, ?> m) {
          String id = String.valueOf(m.get("workflowId"));
          html.link(Html.runPath(id), id + " (" + m.get("how") + ")", "class", "mono");
          html.text(" ");
        }
      }
      html.close("p");
    }
    if (RunPage.live(run)
        || state.get("outcome") == null
        || "resolved".equals(state.get("outcome"))) {
      return;
    }
    String workflowId = String.valueOf(run.get("workflowId"));
    html.open("section", "id", "retry", "class", "retry").el("h2", "Retry");
    html.open("form", "method", "post", "action", Html.runPath(workflowId) + "/retry");
    html.csrf();
    html.open("label").text("From step ");
    html.open("select", "name", "from");
    String failed =
        state.get("failedStep") == null ? null : String.valueOf(state.get("failedStep"));
    html.el("option", "the failed step" + (failed == null ? "" : " (" + failed + ")"), "value", "");
    entry.ifPresent(
        e -> {
          for (Step step : e.compiled().definition().steps()) {
            html.el("option", step.id(), "value", step.id());
          }
        });
    html.close("select").close("label").text(" ");
    html.open("label").text("Version ");
    html.open("select", "name", "version");
    html.el("option", "pinned (the run's)", "value", "pinned");
    html.el("option", "current", "value", "current");
    html.close("select").close("label").text(" ");
    html.open("label").text("Reason ");
    html.empty("input", "name", "reason", "maxlength", "2000", "class", "comment");
    html.close("label").text(" ");
    html.el("button", "Retry", "type", "submit", "class", "retry");
    html.close("form").close("section");
  }

  /** The sentence the page shows after a retry. */
  static String answer(Map<String, Object> answer) {
    return ("reset".equals(answer.get("how"))
            ? "Retried from step " + answer.get("from") + " by a reset of the run"
            : "Retried from step "
                + answer.get("from")
                + " as a new run seeded with the earlier steps' results")
        + ": run "
        + answer.get("workflowId")
        + " ("
        + answer.get("runId")
        + ").";
  }
}
