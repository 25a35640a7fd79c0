package dev.runbooks.cli;

import picocli.CommandLine.Command;

/** Approves a run's pending approval step. */
@Command(
    name = "approve",
    description =
        "Approve a run's pending approval. Exit code: 0 accepted, 3 refused (not waiting, already"
            + " decided, not allowed), 4 not authenticated or not allowed by the API.")
final class ApproveCommand extends SignalCommand {
  @Override
  String action() {
    return "approve";
  }

  @Override
  String done() {
    return "approved";
  }
}
