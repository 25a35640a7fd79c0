package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.RunFollower;
import dev.runbooks.language.Durations;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Follows a run until it ends, one line per step event; exit code 0 resolved, 2 escalated, 3
 * failed, 4 aborted (the --help footer lists them all).
 */
@Command(
    name = "follow",
    description = "Follow a run to its end; the exit code tells its outcome (below).")
final class FollowCommand extends ApiCommand {
  @Parameters(paramLabel = "RUN-ID", description = "The run's workflow id.")
  String runId;

  @Option(
      names = "--interval",
      defaultValue = "1s",
      paramLabel = "DURATION",
      description = "Poll interval (default ${DEFAULT-VALUE}).")
  String interval;

  @Override
  int call(ApiClient api) throws InterruptedException {
    return new RunFollower(() -> get(api, runId), out(), parse(interval)).follow();
  }

  static Duration parse(String interval) {
    return Durations.parse(interval);
  }
}
