package dev.runbooks.worker.internal;

/**
 * A configuration the process refuses to start with: what is wrong ({@link #description()}) and
 * what the operator should do ({@link #action()}). {@link StartupMisconfigurationAnalyzer} prints
 * both in Spring Boot's "APPLICATION FAILED TO START" report. The message is both, in one line.
 */
public final class StartupMisconfiguration extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String description;
  private final String action;

  StartupMisconfiguration(String description, String action) {
    super(description + " " + action);
    this.description = description;
    this.action = action;
  }

  /** What is wrong, naming the properties involved. */
  public String description() {
    return description;
  }

  /** What to do about it. */
  public String action() {
    return action;
  }
}
