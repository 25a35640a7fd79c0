package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.Expiry;
import dev.runbooks.cli.internal.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The engine's API tokens ({@code /api/tokens}, admins only): create one (shown once), list them,
 * revoke one.
 */
@Command(
    name = "token",
    description = "API tokens for scripts and the CLI (admins only): token create|list|revoke.",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.Listing.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  /** The roles a token can have. */
  enum Role {
    viewer,
    operator,
    approver,
    admin
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Creates a token and prints it, the only time it is shown. */
  @Command(name = "create", description = "Create an API token; it is printed once, store it.")
  static final class Create extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "What the token is for, such as ci-deploy.")
    String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "viewer, operator, approver or admin.")
    Role role;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        description =
            "When it stops working: an ISO time (2027-01-31T00:00:00Z), a date (2027-01-31,"
                + " midnight UTC) or a duration from now (30d, 12h); default never.")
    String expires;

    @Override
    int call(ApiClient api) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("role", role.name());
      if (expires != null) {
        try {
          body.put("expiresAt", Expiry.parse(expires, Instant.now()).toString());
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
      }
      Map<String, Object> created = api.post("/api/tokens", body);
      out()
          .printf(
              "created token %s '%s': role %s, owner %s, expires %s%n",
              created.get("id"),
              created.get("name"),
              created.get("role"),
              created.get("owner"),
              created.get("expiresAt") == null ? "never" : created.get("expiresAt"));
      out().println();
      out().println("  " + created.get("token"));
      out().println();
      out().println("Store it now: it is shown only this once (the API keeps only its hash).");
      out().println("Use it with --token, or RUNBOOK_TOKEN, or: Authorization: Bearer <token>");
      out().flush();
      return 0;
    }
  }

  /** Lists the tokens, revoked and expired ones included; never their values. */
  @Command(name = "list", description = "List the API tokens (never their values).")
  static final class Listing extends ApiCommand {
    @Override
    int call(ApiClient api) {
      Table table =
          new Table("ID", "NAME", "OWNER", "ROLE", "CREATED", "EXPIRES", "LAST USED", "REVOKED");
      if (api.get("/api/tokens").get("tokens") instanceof List<?> tokens) {
        for (Object item : tokens) {
          if (item instanceof Map<?, ?> t) {
            table.row(
                t.get("id"),
                t.get("name"),
                t.get("owner"),
                t.get("role"),
                t.get("createdAt"),
                t.get("expiresAt"),
                t.get("lastUsedAt"),
                t.get("revokedAt"));
          }
        }
      }
      table.print(out());
      return 0;
    }
  }

  /** Revokes a token: requests with it are refused from then on. */
  @Command(name = "revoke", description = "Revoke an API token by its id.")
  static final class Revoke extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The token's id, as `token list` shows it.")
    String id;

    @Override
    int call(ApiClient api) {
      api.delete("/api/tokens/" + ApiClient.pathOf(id));
      out().println("revoked token " + id + ": requests with it are refused from now on");
      out().flush();
      return 0;
    }
  }
}
