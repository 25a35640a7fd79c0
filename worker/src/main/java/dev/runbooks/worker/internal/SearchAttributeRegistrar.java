package dev.runbooks.worker.internal;

import dev.runbooks.worker.TemporalProperties.SearchAttributes;
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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the runs' search attributes ({@link RunbookSearchAttributes}) exist in the namespace
 * before the worker polls: a run that upserts an unknown attribute would fail its workflow tasks.
 * In {@link SearchAttributes#REGISTER} mode the missing ones are added (existing ones are left
 * alone, so this is safe on every start); in {@link SearchAttributes#VERIFY} mode nothing is added:
 * start-up fails with the {@code temporal operator search-attribute create} commands for the
 * missing ones. A namespace that denies adding (Temporal Cloud) gets the same commands.
 */
final class SearchAttributeRegistrar {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private SearchAttributeRegistrar() {}

  /** Registers them in the namespace over a plaintext connection (tests). */
  static void ensure(WorkflowServiceStubs stubs, String namespace, Duration deadline) {
    ensure(
        stubs,
        new TemporalConnection("", namespace, null, null),
        SearchAttributes.REGISTER,
        deadline);
  }

  /**
   * Registers or verifies the attributes, retrying while the server is unreachable.
   *
   * @param deadline how long to keep trying before giving up with an exception
   * @throws IllegalStateException when attributes are missing in verify mode, when adding them is
   *     denied, when TLS fails, or when the server stays unreachable past the deadline
   */
  static void ensure(
      WorkflowServiceStubs stubs,
      TemporalConnection connection,
      SearchAttributes mode,
      Duration deadline) {
    String namespace = connection.namespace();
    long giveUpAt = System.nanoTime() + deadline.toNanos();
    long backoffMs = 200;
    while (true) {
      try {
        run(stubs, namespace, mode);
        return;
      } catch (StatusRuntimeException e) {
        String tls = TlsContexts.explain(e, connection);
        if (tls != null) {
          throw new IllegalStateException(tls, e);
        }
        if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
          throw new IllegalStateException(denied(namespace, mode, e.getStatus()), e);
        }
        if (System.nanoTime() > giveUpAt) {
          throw new IllegalStateException(
              "cannot "
                  + mode.name().toLowerCase(java.util.Locale.ROOT)
                  + " search attributes "
                  + RunbookSearchAttributes.definitions().keySet()
                  + " in namespace "
                  + namespace
                  + ": "
                  + e.getStatus(),
              e);
        }
        log.warn("search attributes not checked yet ({}); retrying", e.getStatus().getCode());
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  private static void run(WorkflowServiceStubs stubs, String namespace, SearchAttributes mode) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(operatorOptions(stubs));
    try {
      Map<String, IndexedValueType> existing = existing(operator, namespace, mode);
      Map<String, IndexedValueType> missing = missing(existing);
      if (missing.isEmpty()) {
        return;
      }
      if (mode == SearchAttributes.VERIFY) {
        throw new IllegalStateException(
            "namespace "
                + namespace
                + " lacks the search attributes "
                + missing.keySet()
                + " the runs use, and runbook.temporal.search-attributes=verify does not add"
                + " them. Create them (with the connection flags or TEMPORAL_* variables of"
                + " your cluster), then start again:\n"
                + commands(namespace, missing));
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

  /**
   * The operator service's options: the workflow stubs' channel and their metadata (the API key's
   * {@code authorization} header, other headers and interceptors), so that operator calls
   * authenticate as workflow calls do.
   */
  static OperatorServiceStubsOptions operatorOptions(WorkflowServiceStubs stubs) {
    return OperatorServiceStubsOptions.newBuilder(stubs.getOptions())
        .setTarget(null)
        .setChannelInitializer(null)
        .setSslContext(null)
        .setEnableHttps(false)
        .setChannel(stubs.getRawChannel())
        .validateAndBuildWithDefaults();
  }

  /** The attributes the runs need that are not registered with that name and type. */
  static Map<String, IndexedValueType> missing(Map<String, IndexedValueType> existing) {
    Map<String, IndexedValueType> missing = new LinkedHashMap<>();
    RunbookSearchAttributes.definitions()
        .forEach(
            (name, type) -> {
              IndexedValueType found = existing.get(name);
              if (found == null) {
                missing.put(name, type);
              } else if (found != type) {
                throw new IllegalStateException(
                    "search attribute "
                        + name
                        + " exists with type "
                        + cliType(found)
                        + " but the runs need "
                        + cliType(type)
                        + "; remove it (temporal operator search-attribute remove --name "
                        + name
                        + ") and create it with --type "
                        + cliType(type));
              }
            });
    return missing;
  }

  /**
   * The {@code temporal operator search-attribute create} commands that add the given attributes,
   * one per line.
   */
  static String commands(String namespace, Map<String, IndexedValueType> attributes) {
    return attributes.entrySet().stream()
        .map(
            e ->
                "  temporal operator search-attribute create --namespace "
                    + namespace
                    + " --name "
                    + e.getKey()
                    + " --type "
                    + cliType(e.getValue()))
        .collect(Collectors.joining("\n"));
  }

  private static String denied(String namespace, SearchAttributes mode, Status status) {
    if (mode == SearchAttributes.VERIFY) {
      return "namespace "
          + namespace
          + " does not let this worker list its search attributes ("
          + status.getCode()
          + "); give its identity read access to the namespace, or create the attributes and"
          + " check them yourself:\n"
          + commands(namespace, RunbookSearchAttributes.definitions());
    }
    return "namespace "
        + namespace
        + " denies registering search attributes ("
        + status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription())
        + "), as Temporal Cloud does. Create the missing ones with an identity that may, then set"
        + " runbook.temporal.search-attributes=verify so that start-up only checks them:\n"
        + commands(namespace, RunbookSearchAttributes.definitions());
  }

  /** The CLI's name for a type ({@code --type}). */
  static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> type.name();
    };
  }

  /** The custom attributes already registered; empty where the server cannot list them. */
  private static Map<String, IndexedValueType> existing(
      OperatorServiceStubs operator, String namespace, SearchAttributes mode) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED
          && mode == SearchAttributes.REGISTER) {
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
      throw new IllegalStateException("interrupted while checking search attributes", e);
    }
  }
}
