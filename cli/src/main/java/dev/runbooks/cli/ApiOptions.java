package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.TokenSource;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The options every command that talks to the runbook HTTP API takes: where, and as whom. */
public final class ApiOptions {
  /** The system property (set by bin/runbook) or environment variable of the repository root. */
  static final String HOME_PROPERTY = "runbook.home";

  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "${env:RUNBOOK_API:-http://localhost:8080}",
      description = "Base address of the runbook API (env RUNBOOK_API; default ${DEFAULT-VALUE}).")
  String api;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "API token (rbk_...) or OIDC access token, sent as a bearer. Else env RUNBOOK_TOKEN;"
              + " else, for an API on this machine, the token that make run keeps in the"
              + " repository's credentials file (docs/cli.md).")
  String token;

  /**
   * A client of the chosen API, with the token found as {@link TokenSource} says; the options given
   * before the command ({@code runbook --token T approve ...}) count when the command has none of
   * its own.
   */
  ApiClient client(CommandSpec command) {
    String url = api;
    String given = token;
    if (command.root().userObject() instanceof RunbookCli root) {
      ParseResult parsed = command.commandLine().getParseResult();
      if (root.api != null && (parsed == null || !parsed.hasMatchedOption("--api"))) {
        url = root.api;
      }
      if (given == null) {
        given = root.token;
      }
    }
    URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    return new ApiClient(base, TokenSource.resolve(given, System.getenv(), home(), base));
  }

  private static Path home() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv("RUNBOOK_HOME");
    }
    return home == null || home.isBlank() ? null : Path.of(home);
  }
}
