package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.Expiry;
import dev.runbooks.language.RunbookException;
import dev.runbooks.language.expr.Json;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of commands that talk to the API: API errors are printed as {@code error: ...} with
 * their messages and end the command with exit code 1, {@value ExitCodes#NOT_AUTHORIZED} when the
 * API did not authenticate the caller (401) or does not allow the request (403), or {@value
 * ExitCodes#UNAVAILABLE} when it cannot be reached. With {@code -o json} the command's text is not
 * printed; the API's last answer ({@link #json}) is, and an error is a JSON object too.
 */
abstract class ApiCommand implements Callable<Integer> {
  @Mixin ApiOptions apiOptions;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private PrintWriter text;

  @Override
  public final Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    text = output.json() ? new PrintWriter(Writer.nullWriter()) : out;
    ApiClient api = null;
    try {
      api = apiOptions.client(spec);
      int code = call(api);
      if (output.json()) {
        Object answer = json(api);
        out.println(Json.write(answer == null ? Map.of() : answer));
        out.flush();
      }
      return code;
    } catch (ApiClient.ApiError e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage());
      Object messages = e.body().get("messages");
      if (messages instanceof List<?> list) {
        list.forEach(m -> err.println("  " + m));
      }
      err.flush();
      int code = ExitCodes.of(e);
      jsonError(out, e.getMessage(), e.status(), code, e.body());
      return code;
    } catch (RunbookException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      jsonError(out, e.getMessage(), 0, ExitCodes.PROBLEMS, Map.of());
      return ExitCodes.PROBLEMS;
    }
  }

  abstract int call(ApiClient api) throws Exception;

  /**
   * What {@code -o json} prints once the command is done: by default the API's last answer (for a
   * command that follows a run, the run as last polled).
   */
  Object json(ApiClient api) {
    return api.lastAnswer();
  }

  private void jsonError(PrintWriter out, String message, int status, int code, Object body) {
    if (output.json()) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", message);
      error.put("status", status);
      error.put("exitCode", code);
      error.put("answer", body);
      out.println(Json.write(error));
      out.flush();
    }
  }

  /** Where the command prints its text: stdout, or nowhere with {@code -o json}. */
  PrintWriter out() {
    return text == null ? spec.commandLine().getOut() : text;
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
   * (exit 64) that names the option.
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

  /** A usage error (exit 64) with this message. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static Map<String, Object> get(ApiClient api, String runId) {
    return api.get("/api/runs/" + ApiClient.pathOf(runId));
  }
}
