package dev.runbooks.cli;

import picocli.CommandLine.Command;

/** Approves a run's pending approval step. */
@Command(name = "approve", description = "Approve a run's pending approval (exit codes below).")
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
