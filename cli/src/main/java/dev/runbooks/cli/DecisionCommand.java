package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Parameters;

/**
 * The base of the decisions sent to a run (approve, reject, acknowledge, abort): prints what the
 * run answered. Accepted: {@code approved <id> (step X)} and exit code 0. Refused (409 or 403 with
 * a {@code result} of {@code not-waiting}, {@code already-decided} or {@code not-allowed}): {@code
 * not approved: <reason> (<result>)} and exit code {@value #EXIT_REFUSED}. An API from before
 * decisions answered only says the decision was sent. Who decides is the authenticated caller: the
 * old {@code --as}/{@code --by} options are still parsed, sent for such older APIs, and otherwise
 * ignored with a note.
 */
abstract class DecisionCommand extends ApiCommand {
  /** The exit code of a decision the run refused. */
  static final int EXIT_REFUSED = 3;

  private static final Set<String> REFUSALS =
      Set.of("not-waiting", "already-decided", "not-allowed");

  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  /** The action's path segment: approve, reject, acknowledge or abort. */
  abstract String action();

  /** The action done, as printed: approved, rejected, acknowledged, aborted. */
  abstract String done();

  /** The request body. */
  abstract Map<String, Object> body();

  /** The value of the old option that named who decides, or null when not given. */
  abstract String decider();

  /** The name of that option, for the note. */
  abstract String deciderOption();

  @Override
  final int call(ApiClient api) {
    if (decider() != null) {
      err()
          .printf(
              "note: %s is ignored: the API records the decision as the user of your token%n",
              deciderOption());
      err().flush();
    }
    Map<String, Object> answer;
    try {
      answer = api.post("/api/runs/" + ApiClient.pathOf(runId) + "/" + action(), body());
    } catch (ApiClient.ApiError e) {
      if ((e.status() == 409 || e.status() == 403) && refusal(e.body())) {
        return refused(e.body());
      }
      throw e;
    }
    Object result = answer.get("result");
    if (result == null) { // an API from before decisions answered: it only sent a signal
      out().printf("%s sent to %s as %s%n", action(), runId, user(decider()));
    } else if (refusal(answer)) {
      return refused(answer);
    } else if ("accepted".equals(result)) {
      Object step = answer.get("step");
      out().printf("%s %s%s%n", done(), runId, step == null ? "" : " (step " + step + ")");
    } else {
      err().printf("error: the API answered an unknown result '%s'%n", result);
      err().flush();
      return 1;
    }
    out().flush();
    return 0;
  }

  private static boolean refusal(Map<String, Object> body) {
    Object result = body.get("result");
    return result != null && REFUSALS.contains(result.toString());
  }

  private int refused(Map<String, Object> body) {
    Object result = body.get("result");
    Object reason = body.get("reason");
    if (reason == null || reason.toString().isBlank()) {
      reason = body.get("error");
    }
    String why =
        reason == null || reason.toString().isBlank()
            ? result.toString()
            : reason + " (" + result + ")";
    err().printf("not %s: %s%n", done(), why);
    err().flush();
    return EXIT_REFUSED;
  }
}
