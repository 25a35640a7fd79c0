package dev.runbooks.worker.internal;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;

/** Registers the runs' search attributes on a Temporal server, as the worker does at start. */
public final class SearchAttributesForTests {
  private SearchAttributesForTests() {}

  /** Registers them in the {@code default} namespace, waiting up to a minute for the server. */
  public static void ensure(WorkflowServiceStubs stubs) {
    SearchAttributeRegistrar.ensure(stubs, "default", Duration.ofMinutes(1));
  }
}
