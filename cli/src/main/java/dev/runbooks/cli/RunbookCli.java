package dev.runbooks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code runbook} command line: validates and draws runbooks locally, and starts, follows and
 * steers runs through the runbook HTTP API.
 */
@Command(
    name = "runbook",
    mixinStandardHelpOptions = true,
    version = "runbook 0.1.0",
    description = "Operational runbooks as durable Temporal workflows.",
    subcommands = {
      ValidateCommand.class,
      TestCommand.class,
      GraphCommand.class,
      StartCommand.class,
      StatusCommand.class,
      FollowCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      AckCommand.class,
      AbortCommand.class,
      QuarantineCommand.class,
      TokenCommand.class,
      RunsCommand.class,
      ReportCommand.class,
      DisableCommand.class,
      EnableCommand.class,
      LimitsCommand.class,
      AutonomyCommand.class,
      FreezeCommand.class,
      RailsCommand.class,
      ExplainCommand.class,
      LocksCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RunbookCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--api",
      paramLabel = "URL",
      description = "Before the command: the API of every command (as the command's own --api).")
  String api;

  @CommandLine.Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Before the command: the token of every command (as the command's own --token).")
  String token;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR"); // no "no providers" warning
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, ready to execute. */
  public static CommandLine commandLine() {
    return new CommandLine(new RunbookCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
