package dev.runbooks.starter.ui.internal;

import dev.runbooks.language.WaitWords;
import java.util.Map;

/** What a waiting step waits for, in words, and the form that ends a wait for people. */
final class WaitView {
  private WaitView() {}

  /** One line saying what the step waits for. */
  static String summary(Map<String, Object> wait) {
    return switch (String.valueOf(wait.get("kind"))) {
      case "approval" ->
          "approval: " + wait.get("prompt") + WaitWords.approvers(wait.get("approvers"));
      case "acknowledgement" ->
          WaitWords.acknowledgement(wait) + "; " + WaitWords.climb(wait, Layout::time);
      case "waitUntil" ->
          "until "
              + wait.get("condition")
              + " (probes so far "
              + wait.get("probes")
              + ", next probe "
              + Layout.time(wait.get("nextProbeAt"))
              + ")";
      case "sleep" -> "sleeping until " + Layout.time(wait.get("until"));
      default -> String.valueOf(wait);
    };
  }

  /**
   * The decision form of a wait for people: the person's name and a comment, then Approve and
   * Reject (an approval) or Acknowledge (an escalation ladder). It posts to {@code
   * /ui/runs/<id>/approve|reject|acknowledge}, naming the step.
   */
  static void form(Html html, String workflowId, Map<String, Object> wait) {
    String action = Html.runPath(workflowId);
    boolean approval = "approval".equals(wait.get("kind"));
    html.open(
        "form", "method", "post", "action", action + (approval ? "/approve" : "/acknowledge"));
    html.open("div", "class", "decide");
    html.empty(
        "input", "type", "hidden", "name", "step", "value", String.valueOf(wait.get("step")));
    html.open("label").text("Your name ");
    html.empty(
        "input",
        "name",
        "name",
        "required",
        "required",
        "autocomplete",
        "name",
        "maxlength",
        "200",
        "class",
        "who");
    html.close("label");
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
