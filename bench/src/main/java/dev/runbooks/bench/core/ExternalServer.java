package dev.runbooks.bench.core;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.time.Duration;

/** The connection to an external Temporal server, and the bench's own namespace on it. */
final class ExternalServer {
  /** How long the server keeps the bench's closed runs. */
  static final Duration RETENTION = Duration.ofDays(1);

  private ExternalServer() {}

  /**
   * Stubs of the server once it answers, with the bench's namespace registered and served.
   *
   * @throws IOException when the server does not answer within a minute
   */
  static WorkflowServiceStubs connect(ExternalTemporal external)
      throws IOException, InterruptedException {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(external.address()).build());
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!answers(stubs)) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "the Temporal server at " + external.address() + " does not answer");
        }
        Thread.sleep(500);
      }
      ensure(stubs, external.namespace(), Duration.ofSeconds(60));
      return stubs;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stubs.shutdownNow();
      throw e;
    }
  }

  private static boolean answers(WorkflowServiceStubs stubs) {
    try {
      stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Registers the namespace unless it exists, then waits until the server serves it (a new
   * namespace reaches the frontend's and history's caches some seconds after registration).
   */
  static void ensure(WorkflowServiceStubs stubs, String namespace, Duration limit)
      throws IOException, InterruptedException {
    try {
      stubs
          .blockingStub()
          .registerNamespace(
              RegisterNamespaceRequest.newBuilder()
                  .setNamespace(namespace)
                  .setDescription("runbook bench (scripts/prod-bench.sh)")
                  .setWorkflowExecutionRetentionPeriod(
                      com.google.protobuf.Duration.newBuilder()
                          .setSeconds(RETENTION.toSeconds())
                          .build())
                  .build());
      System.out.println("bench: registered namespace " + namespace);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw new IOException("cannot register namespace " + namespace + ": " + e.getStatus(), e);
      }
    }
    long deadline = System.nanoTime() + limit.toNanos();
    StatusRuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        stubs
            .blockingStub()
            .listWorkflowExecutions(
                ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setPageSize(1)
                    .build());
        return;
      } catch (StatusRuntimeException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw new IOException(
        "namespace "
            + namespace
            + " is not served after "
            + limit
            + (last == null ? "" : ": " + last.getStatus()));
  }
}
