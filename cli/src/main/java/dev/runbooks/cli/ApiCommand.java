package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.Expiry;
import dev.runbooks.language.RunbookException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of commands that talk to the API: API errors are printed as {@code error: ...} with
 * their messages and end the command with exit code 1, or {@value #EXIT_AUTH} when the API did not
 * authenticate the caller (401) or does not allow the request (403).
 */
abstract class ApiCommand implements Callable<Integer> {
  /** The exit code of a request the API refused to authenticate or allow (401, 403). */
  static final int EXIT_AUTH = 4;

  @Mixin ApiOptions apiOptions;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try {
      return call(apiOptions.client(spec));
    } catch (ApiClient.ApiError e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage());
      Object messages = e.body().get("messages");
      if (messages instanceof List<?> list) {
        list.forEach(m -> err.println("  " + m));
      }
      err.flush();
      return e.status() == 401 || e.status() == 403 ? EXIT_AUTH : 1;
    } catch (RunbookException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  abstract int call(ApiClient api) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  static String user(String given) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String user = System.getenv("USER");
    return user == null || user.isBlank() ? System.getProperty("user.name", "cli") : user;
  }

  /**
   * The instant an option's text names ({@link Expiry}), as ISO text; a bad text is a usage error
   * (exit 2) that names the option.
   */
  String instant(String option, String text, boolean future) {
    try {
      Instant now = Instant.now();
      return (future ? Expiry.parse(option, text, now) : Expiry.parseAny(option, text, now))
          .toString();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** A usage error (exit 2) with this message. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static Map<String, Object> get(ApiClient api, String runId) {
    return api.get("/api/runs/" + ApiClient.pathOf(runId));
  }
}
