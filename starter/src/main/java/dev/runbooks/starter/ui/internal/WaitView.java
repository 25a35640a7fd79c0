package dev.runbooks.starter.ui.internal;

import dev.runbooks.api.ContractJson;
import dev.runbooks.api.Wait;
import java.util.Map;

/** What a waiting step waits for, in words, and the form that ends a wait for people. */
final class WaitView {
  private WaitView() {}

  /** One line saying what the step waits for, in the words of its {@link Wait}. */
  static String summary(Map<String, Object> wait) {
    Wait typed = ContractJson.waitOrNull(wait);
    return typed == null ? String.valueOf(wait) : typed.summary(Layout::time);
  }

  /**
   * The decision form of a wait for people: a comment, then Approve and Reject (an approval) or
   * Acknowledge (an escalation ladder). It posts to {@code
   * /ui/runs/<id>/approve|reject|acknowledge}, naming the step; the decider is the logged-in
   * person.
   */
  static void form(Html html, String workflowId, Map<String, Object> wait) {
    String action = Html.runPath(workflowId);
    boolean approval = ContractJson.waitOrNull(wait) instanceof Wait.Approval;
    html.open(
        "form", "method", "post", "action", action + (approval ? "/approve" : "/acknowledge"));
    html.csrf();
    html.open("div", "class", "decide");
    html.empty(
        "input", "type", "hidden", "name", "step", "value", String.valueOf(wait.get("step")));
    html.open("label").text("Comment ");
    html.empty("input", "name", "comment", "maxlength", "2000", "class", "comment");
    html.close("label");
    if (approval) {
      html.el("button", "Approve", "type", "submit", "class", "approve");
      html.el(
          "button",
          "Reject",
          "type",
          "submit",
          "class",
          "reject",
          "formaction",
          action + "/reject");
    } else {
      html.el("button", "Acknowledge", "type", "submit", "class", "approve");
    }
    html.close("div").close("form");
  }
}
