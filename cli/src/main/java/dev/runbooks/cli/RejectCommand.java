package dev.runbooks.cli;

import picocli.CommandLine.Command;

/** Rejects a run's pending approval step. */
@Command(
    name = "reject",
    description =
        "Reject a run's pending approval. Exit code: 0 accepted, 3 refused (not waiting, already"
            + " decided, not allowed), 4 not authenticated or not allowed by the API.")
final class RejectCommand extends SignalCommand {
  @Override
  String action() {
    return "reject";
  }

  @Override
  String done() {
    return "rejected";
  }
}
