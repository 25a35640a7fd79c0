package dev.runbooks.testbed.juggernaut;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The main Juggernaut service ({@code python main.py}) and the platform it runs on (Railway's
 * PostgreSQL and Redis services): the process's start time, its connection pool, the DATABASE_URL
 * it started with against the one deployed now, and its resident memory.
 *
 * <p>A restart (kill -TERM, start again) takes {@link #STARTUP} to come up, empties the connection
 * pool, reads the deployed DATABASE_URL again and gives back the memory. It does not fix a database
 * server that is down, credentials that are still wrong in the deployment, nor a leak whose cause
 * keeps running.
 */
final class JuggernautProcess {
  static final Duration STARTUP = Duration.ofMillis(1200);
  static final double BASELINE_MB = 320;
  static final double SLOW_MB = 1536;
  static final double LIMIT_MB = 2048;
  static final String DATABASE_HOST = "postgres.railway.internal:5432/railway";

  private final Clock clock;
  private int pid;
  private Instant startedAt;
  private int restarts;
  private boolean poolExhausted;
  private boolean deployedPasswordWrong;
  private boolean runningPasswordWrong;
  private Instant deploymentChangedAt;
  private boolean databaseDown;
  private Instant databaseUpAt;
  private boolean redisDown;
  private double memoryMb;
  private Instant memoryAt;
  private double leakMbPerSecond;
  private double runawayMbPerSecond;

  JuggernautProcess(Clock clock) {
    this.clock = clock;
    reset();
  }

  /** Back to a healthy service started a day ago on a healthy platform. */
  void reset() {
    Instant now = clock.instant();
    pid = 4242;
    startedAt = now.minus(Duration.ofDays(1));
    restarts = 0;
    poolExhausted = false;
    deployedPasswordWrong = false;
    runningPasswordWrong = false;
    deploymentChangedAt = startedAt.minus(Duration.ofDays(1));
    databaseDown = false;
    databaseUpAt = null;
    redisDown = false;
    memoryMb = BASELINE_MB;
    memoryAt = now;
    leakMbPerSecond = 0;
    runawayMbPerSecond = 0;
  }

  /** kill -TERM and start again: a new pid, an empty pool, the deployed configuration. */
  void restart() {
    Instant now = clock.instant();
    pid += 17;
    restarts++;
    startedAt = now;
    poolExhausted = false;
    runningPasswordWrong = deployedPasswordWrong;
    memoryMb = BASELINE_MB;
    memoryAt = now;
  }

  boolean starting() {
    return clock.instant().isBefore(startedAt.plus(STARTUP));
  }

  /** Why the service cannot use the database, or null when it can. */
  String databaseError() {
    String server = serverError();
    if (server != null) {
      return server;
    }
    if (poolExhausted) {
      return "connection pool exhausted: 20 of 20 connections in use"
          + " (QueuePool limit reached, connection timed out after 30s)";
    }
    return null;
  }

  /** What {@code psql $DATABASE_URL -c "SELECT 1"} says with the running configuration. */
  String pingError() {
    return serverError();
  }

  private String serverError() {
    if (databaseDown()) {
      return "could not connect to server: Connection refused; is the server running on host"
          + " postgres.railway.internal and accepting TCP/IP connections on port 5432?";
    }
    if (runningPasswordWrong) {
      return "FATAL: password authentication failed for user \"juggernaut\"";
    }
    return null;
  }

  boolean databaseDown() {
    if (databaseDown && databaseUpAt != null && !clock.instant().isBefore(databaseUpAt)) {
      databaseDown = false;
      databaseUpAt = null;
    }
    return databaseDown;
  }

  /**
   * The database password was rotated without updating DATABASE_URL: the deployment and the running
   * process both hold the old one.
   */
  void breakCredentials() {
    deployedPasswordWrong = true;
    runningPasswordWrong = true;
  }

  /** Someone put the right password back into the deployment (the process keeps the old one). */
  void fixDeployedCredentials() {
    if (deployedPasswordWrong) {
      deployedPasswordWrong = false;
      deploymentChangedAt = clock.instant();
    }
  }

  boolean runningPasswordWrong() {
    return runningPasswordWrong;
  }

  boolean deployedPasswordWrong() {
    return deployedPasswordWrong;
  }

  /** Whether the deployment's variables changed after the process started. */
  boolean restartPending() {
    return deploymentChangedAt.isAfter(startedAt);
  }

  Instant deploymentChangedAt() {
    return deploymentChangedAt;
  }

  void databaseDown(boolean down) {
    databaseDown = down;
    databaseUpAt = null;
  }

  /** Railway restarts the PostgreSQL service: it is back after a moment. */
  void restartDatabase() {
    if (databaseDown) {
      databaseUpAt = clock.instant().plus(Duration.ofSeconds(2));
    }
  }

  void poolExhausted(boolean exhausted) {
    poolExhausted = exhausted;
  }

  boolean poolExhausted() {
    return poolExhausted;
  }

  boolean redisDown() {
    return redisDown;
  }

  void redisDown(boolean down) {
    redisDown = down;
  }

  /** Resident memory now, in MB. */
  double memoryMb() {
    fold();
    return memoryMb;
  }

  /** Sets the memory (as grown before the fault was noticed) and the leak's rate. */
  void leak(double startMb, double mbPerSecond) {
    fold();
    memoryMb = Math.max(memoryMb, Math.min(startMb, LIMIT_MB));
    leakMbPerSecond = mbPerSecond;
  }

  /** Sets how fast runaway tasks grow the memory (zero once they are terminated). */
  void runaway(double mbPerSecond, double startMb) {
    fold();
    memoryMb = Math.max(memoryMb, Math.min(startMb, LIMIT_MB));
    runawayMbPerSecond = mbPerSecond;
  }

  double growthMbPerSecond() {
    return leakMbPerSecond + runawayMbPerSecond;
  }

  private void fold() {
    Instant now = clock.instant();
    double seconds = Duration.between(memoryAt, now).toMillis() / 1000.0;
    if (seconds > 0 && !starting()) {
      memoryMb = Math.min(LIMIT_MB, memoryMb + seconds * growthMbPerSecond());
    }
    memoryAt = now;
  }

  int pid() {
    return pid;
  }

  Instant startedAt() {
    return startedAt;
  }

  int restarts() {
    return restarts;
  }
}
