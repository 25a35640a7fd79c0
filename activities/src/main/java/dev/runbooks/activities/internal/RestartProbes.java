package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The I/O of a restart: the restart call itself, the {@code startedAt} probe, waiting for a systemd
 * unit to be active and waiting for the health probe. Commands run through {@link CommandExecutor}
 * (argv, never a shell); HTTP through {@link JsonHttp} (heartbeating while waiting).
 */
final class RestartProbes {
  private final CommandExecutor commands;
  private final String systemctl;

  RestartProbes(CommandExecutor commands, String systemctl) {
    this.commands = commands;
    this.systemctl = systemctl;
  }

  /** Restarts the service; a command that fails or an endpoint that refuses is RestartFailed. */
  void restart(RestartConfig config, ActionRequest request, StepContext ctx) {
    switch (config.via()) {
      case "command" -> command(config.argv(), config.timeout(), request, ctx, true);
      case "systemd" ->
          command(
              List.of(systemctl, "restart", config.unit()), config.timeout(), request, ctx, true);
      default -> {
        RestartConfig.Request http = config.http();
        String what = http.method() + " " + JsonHttp.safe(http.url());
        JsonHttp.Response response =
            JsonHttp.exchange(
                http.method(),
                http.url(),
                http.headers(),
                null,
                config.timeout(),
                ctx,
                what,
                StepFailures.RESTART_FAILED);
        int status = response.status();
        if (status < 200 || status >= 300) {
          String message =
              "restart of '"
                  + config.target()
                  + "': "
                  + what
                  + " answered "
                  + status
                  + ": "
                  + JsonValues.head(response.text(), 300);
          throw status >= 500 || status == 429
              ? ApplicationFailure.newFailure(message, StepFailures.RESTART_FAILED)
              : ApplicationFailure.newNonRetryableFailure(message, StepFailures.RESTART_FAILED);
        }
      }
    }
  }

  /** When the service last started, or null (with {@code startedAtError}) when it cannot tell. */
  Instant startedAt(
      RestartConfig config, ActionRequest request, StepContext ctx, Map<String, Object> result) {
    RestartConfig.Probe probe = config.startedAt();
    try {
      Object value;
      if (probe.http() == null) {
        value = command(probe.argv(), Duration.ofSeconds(30), request, ctx, false).get("stdout");
      } else {
        URI url = probe.http().url();
        JsonHttp.Response response =
            JsonHttp.exchange(
                "GET",
                url,
                probe.http().headers(),
                null,
                Duration.ofSeconds(10),
                ctx,
                "GET " + JsonHttp.safe(url),
                StepFailures.HTTP_REQUEST_FAILED);
        value = JsonPaths.at(response.json(), probe.field());
      }
      Instant at = value == null ? null : RestartConfig.instant(value);
      if (at == null) {
        result.put("startedAtError", "the probe gave no RFC 3339 time or Unix seconds");
      }
      return at;
    } catch (ApplicationFailure e) {
      result.put("startedAtError", e.getOriginalMessage());
      return null;
    }
  }

  /** Polls {@code systemctl is-active} until it says active, within the health deadline. */
  boolean waitActive(
      RestartConfig config, ActionRequest request, StepContext ctx, Map<String, Object> result) {
    Duration deadline =
        config.health() != null ? config.health().deadline() : Duration.ofMinutes(1);
    long until = System.nanoTime() + deadline.toNanos();
    String state = "";
    while (true) {
      try {
        Object out =
            command(
                    List.of(systemctl, "is-active", config.unit()),
                    Duration.ofSeconds(10),
                    request,
                    ctx,
                    false)
                .get("stdout");
        state = String.valueOf(out).strip();
      } catch (ApplicationFailure e) {
        state = e.getType();
      }
      if (state.equals("active")) {
        return true;
      }
      if (RestartExecutor.left(until).isZero()) {
        throw ApplicationFailure.newFailure(
            "unit "
                + config.unit()
                + " is not active "
                + Durations.format(deadline)
                + " after the restart (last: "
                + state
                + ")",
            StepFailures.RESTART_UNHEALTHY,
            result);
      }
      pause(Duration.ofSeconds(1), ctx);
    }
  }

  /** Polls the health URL until it answers the expected status or the deadline passes. */
  Map<String, Object> waitHealthy(
      RestartConfig.Health health, StepContext ctx, Map<String, Object> result) {
    long started = System.nanoTime();
    long until = started + health.deadline().toNanos();
    long checks = 0;
    String last = "";
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      checks++;
      Duration left = RestartExecutor.left(until);
      Duration timeout = left.compareTo(Duration.ofSeconds(10)) < 0 ? left : Duration.ofSeconds(10);
      int status = -1;
      if (!timeout.isZero()) {
        try {
          status =
              JsonHttp.exchange(
                      "GET",
                      health.url(),
                      Map.of(),
                      null,
                      timeout,
                      ctx,
                      "GET " + JsonHttp.safe(health.url()),
                      StepFailures.HTTP_REQUEST_FAILED)
                  .status();
          last = "status " + status;
        } catch (ApplicationFailure e) {
          last = e.getOriginalMessage();
        }
      }
      out.put("url", JsonHttp.safe(health.url()));
      out.put("healthy", status == health.expectStatus());
      out.put("status", status < 0 ? null : (long) status);
      out.put("checks", checks);
      out.put("waitedMs", (System.nanoTime() - started) / 1_000_000);
      if (status == health.expectStatus()) {
        return out;
      }
      if (RestartExecutor.left(until).isZero()) {
        result.put("health", out);
        throw ApplicationFailure.newFailure(
            "'"
                + result.get("target")
                + "' is not healthy "
                + Durations.format(health.deadline())
                + " after the restart: "
                + JsonHttp.safe(health.url())
                + " expected "
                + health.expectStatus()
                + ", last "
                + last,
            StepFailures.RESTART_UNHEALTHY,
            result);
      }
      Duration pause = health.interval();
      pause(
          pause.compareTo(RestartExecutor.left(until)) < 0 ? pause : RestartExecutor.left(until),
          ctx);
    }
  }

  private Map<String, Object> command(
      List<String> argv,
      Duration timeout,
      ActionRequest request,
      StepContext ctx,
      boolean restart) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("argv", argv);
    config.put("timeout", Durations.format(timeout));
    ActionRequest run =
        new ActionRequest(
            request.runbook(), request.workflowId(), request.stepId(), "command", config);
    try {
      return commands.execute(run, ctx);
    } catch (ApplicationFailure e) {
      if (restart && !e.isNonRetryable()) {
        throw ApplicationFailure.newFailure(
            "restart failed: " + e.getOriginalMessage(), StepFailures.RESTART_FAILED);
      }
      throw e;
    }
  }

  /**
   * Sleeps, heartbeating at least every {@link Heartbeats#INTERVAL} (a health interval may be
   * longer than the step's heartbeat timeout). A heartbeat that throws (the activity was cancelled
   * or its workflow is gone) ends the wait at once.
   */
  private static void pause(Duration pause, StepContext ctx) {
    Heartbeats.sleep(
        Duration.ofNanos(Math.max(1, pause.toNanos())),
        ctx,
        () -> Map.of("waiting", "health"),
        "waiting for a restarted service");
  }
}
