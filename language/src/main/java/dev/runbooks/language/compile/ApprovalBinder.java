package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.bool;
import static dev.runbooks.language.compile.Problems.integer;
import static dev.runbooks.language.compile.Problems.list;
import static dev.runbooks.language.compile.Problems.string;

import dev.runbooks.language.model.DecisionVia;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.parse.FieldPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds an {@code approval} step and checks its rules: approver entries ({@code user:<name>},
 * {@code group:<name>} or a bare name), listed once each, and a {@code required} count that the
 * listed users can reach when only users are listed. The schema checks the types.
 */
final class ApprovalBinder {
  /** A user or group name: no spaces, no colon, not empty. */
  private static final Pattern NAME = Pattern.compile("[^\\s:]+");

  private ApprovalBinder() {}

  static StepBody.Approval bind(
      Problems problems, Map<String, Object> m, String path, List<String> notify) {
    List<String> approvers = approvers(problems, m, path);
    Integer required = integer(m, "required");
    int count = required == null ? 1 : required;
    if (required != null
        && required > 1
        && !approvers.isEmpty()
        && approvers.stream().noneMatch(a -> a.startsWith("group:"))
        && required > approvers.size()) {
      problems.at(
          path + ".required",
          "required: "
              + required
              + " needs "
              + required
              + " distinct approvers, but only "
              + approvers.size()
              + (approvers.size() == 1 ? " user is" : " users are")
              + " listed");
    }
    OnApprovalTimeout onTimeout =
        OnApprovalTimeout.fromYaml(string(m, "onTimeout")).orElse(OnApprovalTimeout.REJECT);
    String route = string(m, "route");
    if (onTimeout == OnApprovalTimeout.ESCALATE && route == null) {
      problems.at(
          path + ".onTimeout",
          "onTimeout: escalate needs a route: the route paged when nobody decides in time");
    } else if (onTimeout != OnApprovalTimeout.ESCALATE && route != null) {
      problems.at(path + ".route", "route applies only to onTimeout: escalate");
    }
    return new StepBody.Approval(
        string(m, "prompt", ""),
        approvers,
        problems.duration(m, "timeout", path, Duration.ofHours(1)),
        onTimeout,
        OnReject.fromYaml(string(m, "onReject")).orElse(OnReject.FAIL),
        notify,
        bool(m, "distinct", false),
        Math.max(1, count),
        DecisionVia.fromYaml(string(m, "via")).orElse(DecisionVia.ENGINE),
        route);
  }

  /** The approver entries, each checked where it is written. */
  private static List<String> approvers(Problems problems, Map<String, Object> m, String path) {
    List<String> out = new ArrayList<>();
    List<Object> raw = list(m.get("approvers"));
    for (int i = 0; i < raw.size(); i++) {
      if (!(raw.get(i) instanceof String entry)) {
        continue;
      }
      String at = FieldPaths.index(path + ".approvers", i);
      String name =
          entry.startsWith("user:")
              ? entry.substring(5)
              : entry.startsWith("group:") ? entry.substring(6) : entry;
      if (!NAME.matcher(name).matches()) {
        problems.at(
            at,
            "approver '"
                + entry
                + "' must be user:<name>, group:<name> or a bare user name (no spaces, no other"
                + " prefix)");
      } else if (out.contains(entry) || out.contains(canonical(entry))) {
        problems.at(at, "approver '" + entry + "' is listed twice");
      }
      out.add(entry);
    }
    return out;
  }

  /** A bare name's {@code user:} form, so that {@code alice} and {@code user:alice} clash. */
  private static String canonical(String entry) {
    if (entry.startsWith("user:")) {
      return entry.substring(5);
    }
    return entry.startsWith("group:") ? entry : "user:" + entry;
  }
}
