package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.net.URI;
import picocli.CommandLine.Option;

/** The option every command that talks to the runbook HTTP API takes. */
public final class ApiOptions {
  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "${env:RUNBOOK_API:-http://localhost:8080}",
      description = "Base address of the runbook API (env RUNBOOK_API; default ${DEFAULT-VALUE}).")
  String api;

  /** A client of the chosen API. */
  ApiClient client() {
    return new ApiClient(URI.create(api.endsWith("/") ? api.substring(0, api.length() - 1) : api));
  }
}
