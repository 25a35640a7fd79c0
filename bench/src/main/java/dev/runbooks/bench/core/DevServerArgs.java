package dev.runbooks.bench.core;

import java.util.List;

/**
 * The extra arguments the bench gives {@code temporal server start-dev}: SQLite in WAL mode with
 * {@code synchronous=normal}, then {@link #DYNAMIC_CONFIG}, unless {@code -Dbench.temporalArgs}
 * (comma-separated, blank for none) says otherwise.
 */
public final class DevServerArgs {
  /**
   * The dev server's dynamic config, as every dev server of the project is started with it
   * (DEV_SERVER_DYNAMIC_CONFIG): the history service's transfer, timer and visibility processors
   * poll up to 1,000 times a second instead of 20 (at 20, each step of a run waited about 40 ms
   * twice for the transfer processor), and eager activity and workflow start are allowed.
   */
  public static final List<String> DYNAMIC_CONFIG =
      List.of(
          "--dynamic-config-value",
          "history.transferProcessorMaxPollRPS=1000",
          "--dynamic-config-value",
          "history.timerProcessorMaxPollRPS=1000",
          "--dynamic-config-value",
          "history.visibilityProcessorMaxPollRPS=1000",
          "--dynamic-config-value",
          "system.enableActivityEagerExecution=true",
          "--dynamic-config-value",
          "system.enableEagerWorkflowStart=true");

  /** The SQLite settings: write-ahead log, no fsync per commit. */
  public static final String SQLITE_PRAGMAS =
      "--sqlite-pragma,journal_mode=wal,--sqlite-pragma,synchronous=normal";

  /** The default of {@code bench.temporalArgs}: the SQLite settings, then the dynamic config. */
  public static final String DEFAULT = SQLITE_PRAGMAS + "," + String.join(",", DYNAMIC_CONFIG);

  private DevServerArgs() {}

  /** The arguments of this run: {@code -Dbench.temporalArgs}, else {@link #DEFAULT}. */
  public static List<String> current() {
    return parse(System.getProperty("bench.temporalArgs"));
  }

  /** The arguments a {@code bench.temporalArgs} value gives: null for the default, blank none. */
  public static List<String> parse(String property) {
    String args = (property == null ? DEFAULT : property).trim();
    return args.isEmpty() ? List.of() : List.of(args.split(","));
  }
}
