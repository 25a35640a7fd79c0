package dev.runbooks.cli;

import picocli.CommandLine.Command;

/** Rejects a run's pending approval step. */
@Command(name = "reject", description = "Reject a run's pending approval (exit codes below).")
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
