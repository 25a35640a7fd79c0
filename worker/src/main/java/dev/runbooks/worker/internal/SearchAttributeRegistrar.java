package dev.runbooks.worker.internal;

import dev.runbooks.workflows.RunbookSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the runs' search attributes ({@link RunbookSearchAttributes}) in the namespace before
 * the worker polls: a run that upserts an unknown attribute would fail its workflow tasks. Missing
 * ones are added; existing ones are left alone, so this is safe on every start.
 */
final class SearchAttributeRegistrar {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private SearchAttributeRegistrar() {}

  /**
   * Adds the missing attributes, retrying while the server is unreachable.
   *
   * @param deadline how long to keep trying before giving up with an exception
   */
  static void ensure(WorkflowServiceStubs stubs, String namespace, Duration deadline) {
    long giveUpAt = System.nanoTime() + deadline.toNanos();
    long backoffMs = 200;
    while (true) {
      try {
        register(stubs, namespace);
        return;
      } catch (StatusRuntimeException e) {
        if (System.nanoTime() > giveUpAt
            || e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
          throw new IllegalStateException(
              "cannot register search attributes "
                  + RunbookSearchAttributes.definitions().keySet()
                  + " in namespace "
                  + namespace
                  + ": "
                  + e.getStatus(),
              e);
        }
        log.warn("search attributes not registered yet ({}); retrying", e.getStatus().getCode());
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  private static void register(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> existing = existing(operator, namespace);
      Map<String, IndexedValueType> missing = new LinkedHashMap<>();
      RunbookSearchAttributes.definitions()
          .forEach(
              (name, type) -> {
                if (!existing.containsKey(name)) {
                  missing.put(name, type);
                }
              });
      if (missing.isEmpty()) {
        return;
      }
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(missing)
                    .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
      log.info("registered search attributes {} in namespace {}", missing.keySet(), namespace);
    } finally {
      operator.shutdown();
    }
  }

  /** The custom attributes already registered; empty where the server cannot list them. */
  private static Map<String, IndexedValueType> existing(
      OperatorServiceStubs operator, String namespace) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Map.of(); // the in-process test server only implements adding
      }
      throw e;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering search attributes", e);
    }
  }
}
