package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.language.RunbookException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command of the command line shares, applied to the whole tree of commands: usage
 * errors exit {@value ExitCodes#USAGE} with the message and where to find help, uncaught errors are
 * reported in one line with their exit code ({@link ExitCodes}), and each command's {@code --help}
 * ends with the list of its exit codes.
 */
final class CliConventions {
  private static final java.util.Set<String> DECISIONS =
      java.util.Set.of("approve", "reject", "ack", "abort");

  private CliConventions() {}

  /** Applies the conventions to this command line and all its subcommands. */
  static CommandLine apply(CommandLine root) {
    root.setCaseInsensitiveEnumValuesAllowed(true);
    root.setParameterExceptionHandler(CliConventions::usageError);
    root.setExecutionExceptionHandler(
        (e, cli, parsed) -> {
          PrintWriter err = cli.getErr();
          int code;
          if (e instanceof ApiClient.ApiError api) {
            err.println("error: " + api.getMessage());
            code = ExitCodes.of(api);
          } else if (e instanceof RunbookException) {
            err.println("error: " + e.getMessage());
            code = ExitCodes.PROBLEMS;
          } else {
            err.println("error: internal error: " + e);
            code = ExitCodes.SOFTWARE;
          }
          err.flush();
          return code;
        });
    document(root);
    return root;
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static void document(CommandLine cli) {
    CommandSpec spec = cli.getCommandSpec();
    spec.exitCodeOnInvalidInput(ExitCodes.USAGE);
    spec.exitCodeOnExecutionException(ExitCodes.SOFTWARE);
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes(cli));
    cli.getSubcommands().values().forEach(CliConventions::document);
  }

  /**
   * The exit codes of one command: its outcomes, then the codes every command shares. The command
   * is told by its name, not its class, so that the command line of {@code validate} loads no other
   * command's class.
   */
  static Map<String, String> exitCodes(CommandLine cli) {
    String name = cli.getCommandSpec().parent() == null ? "" : cli.getCommandName();
    Map<String, String> codes = new LinkedHashMap<>();
    boolean api = cli.getCommandSpec().findOption("--api") != null;
    if (name.equals("validate")) {
      codes.put("0", "Every file is valid.");
      codes.put("1", "Problems found (FILE:LINE:COLUMN: PATH: MESSAGE lines).");
      codes.put("2", "The --routes file cannot be read.");
    } else if (name.equals("test")) {
      codes.put("0", "Every case passed; --record: the case was written.");
      codes.put("1", "A case failed; --record: the API refused the request.");
      codes.put("2", "A test file could not run; --record: the run cannot be recorded.");
      api = true;
    } else if (name.equals("graph")) {
      codes.put("0", "The flowchart was printed.");
      codes.put("1", "The runbook has problems.");
    } else if (name.equals("follow") || name.equals("start")) {
      codes.put(
          "0",
          (name.equals("start") ? "Started; with --follow: the" : "The")
              + " run resolved (also resolved-externally, skipped).");
      codes.put("1", "The API refused the request (such as 404, 409, 400).");
      codes.put("2", "The run escalated (also guarded).");
      codes.put("3", "The run failed.");
      codes.put("4", "The run was aborted.");
    } else if (DECISIONS.contains(name) && cli.getCommandSpec().parent().parent() == null) {
      codes.put("0", "The run accepted the decision.");
      codes.put("1", "The API refused the request (such as an unknown run, 404).");
      codes.put("3", "The run refused the decision (not-waiting, already-decided, not-allowed).");
    } else if (api) {
      codes.put("0", "Done.");
      codes.put("1", "The API refused the request (such as an unknown run, 404, or 409).");
    } else {
      codes.put("0", "Done.");
    }
    codes.put(String.valueOf(ExitCodes.USAGE), "Usage error: a bad option, parameter or value.");
    if (api) {
      codes.put(String.valueOf(ExitCodes.UNAVAILABLE), "The API cannot be reached (or 502-504).");
    }
    codes.put(String.valueOf(ExitCodes.SOFTWARE), "Internal error.");
    if (api) {
      codes.put(
          String.valueOf(ExitCodes.NOT_AUTHORIZED), "Not authenticated (401) or allowed (403).");
    }
    return codes;
  }
}
