package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;

/**
 * The exit codes of the {@code runbook} command line. The codes of outcomes (0 to 4) mean what each
 * command's {@code --help} footer says; the codes from 64 up follow BSD's sysexits.h and mean the
 * same for every command, so that a script can tell a bad command line or an unreachable API from
 * an outcome.
 */
public final class ExitCodes {
  /** Done: the files are valid, the cases passed, the run resolved, the decision was accepted. */
  public static final int OK = 0;

  /** Problems found (validate, test, graph), or the API refused the request (such as 404, 409). */
  public static final int PROBLEMS = 1;

  /** follow: the run escalated; test: a file could not run; test --record: not recorded. */
  public static final int ESCALATED = 2;

  /** follow: the run failed; approve, reject, ack, abort: the run refused the decision. */
  public static final int FAILED_OR_REFUSED = 3;

  /** follow: the run was aborted. */
  public static final int ABORTED = 4;

  /** A bad command line: an unknown option, a missing parameter, a bad value (EX_USAGE). */
  public static final int USAGE = 64;

  /** The API cannot be reached or is unavailable (no answer, 502, 503, 504; EX_UNAVAILABLE). */
  public static final int UNAVAILABLE = 69;

  /** An internal error of the CLI (EX_SOFTWARE). */
  public static final int SOFTWARE = 70;

  /** The API did not authenticate the caller (401) or does not allow the request (403). */
  public static final int NOT_AUTHORIZED = 77;

  private ExitCodes() {}

  /** The exit code of an API error: 77 for 401 and 403, 69 when unavailable, else 1. */
  public static int of(ApiClient.ApiError error) {
    return switch (error.status()) {
      case 401, 403 -> NOT_AUTHORIZED;
      case 0, 502, 503, 504 -> UNAVAILABLE;
      default -> PROBLEMS;
    };
  }
}
