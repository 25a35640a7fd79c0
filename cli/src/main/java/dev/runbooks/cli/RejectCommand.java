package dev.runbooks.cli;

import picocli.CommandLine.Command;

/** Rejects a run's pending approval step. */
@Command(name = "reject", description = "Reject a run's pending approval.")
final class RejectCommand extends SignalCommand {
  @Override
  String action() {
    return "reject";
  }
}
