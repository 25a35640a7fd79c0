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
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
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
      RetryCommand.class,
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
      CompletionCommand.class,
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
    System.exit(commandLineFor(args).execute(args));
  }

  /**
   * The command line for these arguments. {@code validate}, which must start fast
   * (docs/benchmarks.md, "Cold validate"), gets a root that knows only it: picocli then reads the
   * annotations of one command instead of all of them, and the classes the other commands use (the
   * API client, the test runner and its Temporal SDK) are not loaded.
   */
  static CommandLine commandLineFor(String[] args) {
    if (args.length > 0 && args[0].equals("validate")) {
      return CliConventions.apply(
          new CommandLine(new ValidateOnly()).addSubcommand(new ValidateCommand()));
    }
    return commandLine();
  }

  /** The command line with every subcommand, ready to execute. */
  public static CommandLine commandLine() {
    return CliConventions.apply(new CommandLine(new RunbookCli()));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The root of {@link #commandLineFor} for {@code validate}: as this one, without subcommands. */
  @Command(
      name = "runbook",
      mixinStandardHelpOptions = true,
      scope = CommandLine.ScopeType.INHERIT,
      versionProvider = VersionProvider.class,
      description = "Operational runbooks as durable Temporal workflows.")
  static final class ValidateOnly implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }
}
