package dev.runbooks.worker.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link StartupMisconfiguration} into Spring Boot's start-up failure report: the
 * description and the action an operator reads, without a stack trace.
 */
public final class StartupMisconfigurationAnalyzer
    extends AbstractFailureAnalyzer<StartupMisconfiguration> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartupMisconfiguration cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
