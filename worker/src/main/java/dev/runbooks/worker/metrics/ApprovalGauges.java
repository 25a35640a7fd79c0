package dev.runbooks.worker.metrics;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowTargetOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval gauges, by runbook: {@code runbook_approvals_waiting} (running runs waiting for at
 * least one approval) and {@code runbook_approvals_oldest_age_seconds} (how long the oldest of
 * their pending approvals has waited). Their source is Temporal, not this process: each refresh
 * lists the running runs whose {@code ApprovalWaitingSince} search attribute is set, so the values
 * survive restarts, and every instance reports the same numbers (aggregate with {@code max}, not
 * {@code sum}). Every runbook of the catalog that has an approval step has a row, 0 when nothing
 * waits. Servers without visibility queries (the embedded test server) are asked for their open
 * runs one by one instead.
 */
public final class ApprovalGauges {
  private static final Logger log = LoggerFactory.getLogger(ApprovalGauges.class);

  /** The visibility query of runs waiting for an approval. */
  static final String QUERY =
      "TaskQueue = '"
          + RunbookWorkflow.TASK_QUEUE
          + "' AND ExecutionStatus = 'Running' AND "
          + RunbookSearchAttributes.APPROVAL_WAITING_SINCE.getName()
          + " IS NOT NULL";

  private final WorkflowClient client;
  private final RunbookCatalog catalog;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Row> rows = new ConcurrentHashMap<>();
  private volatile boolean listing = true;
  private volatile boolean failing;

  /** Creates the gauges; each runbook's appear at the first {@link #refresh()} that sees it. */
  public ApprovalGauges(
      WorkflowClient client, RunbookCatalog catalog, MeterRegistry registry, Clock clock) {
    this.client = client;
    this.catalog = catalog;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * One runbook's two gauges, registered once and updated in place (so a scrape never misses them),
   * removed when the runbook has left the catalog and nothing of it waits.
   */
  private static final class Row {
    volatile double runs;
    volatile double oldestAgeSeconds;
    final List<Gauge> gauges = new ArrayList<>();

    Row(String runbook, MeterRegistry registry) {
      gauges.add(
          Gauge.builder("runbook.approvals.waiting", this, r -> r.runs)
              .description("running runs waiting for at least one approval, by runbook")
              .tag("runbook", runbook)
              .register(registry));
      gauges.add(
          Gauge.builder("runbook.approvals.oldest.age", this, r -> r.oldestAgeSeconds)
              .description("seconds the oldest pending approval has waited, by runbook")
              .baseUnit("seconds")
              .tag("runbook", runbook)
              .register(registry));
    }
  }

  /** What waits for one runbook: how many runs, and since when the oldest. */
  record Waiting(long runs, Instant oldestSince) {
    Waiting with(Instant since) {
      Instant first = oldestSince == null || since.isBefore(oldestSince) ? since : oldestSince;
      return new Waiting(runs + 1, first);
    }
  }

  /**
   * Asks Temporal and updates the gauges; when Temporal cannot be asked the gauges keep their last
   * values and the failure is logged once (and its end too).
   */
  public void refresh() {
    Map<String, Waiting> byRunbook = new TreeMap<>();
    for (CatalogEntry entry : catalog.all()) {
      if (hasApproval(entry)) {
        byRunbook.put(entry.name(), new Waiting(0, null));
      }
    }
    try {
      collect((runbook, since) -> byRunbook.merge(runbook, new Waiting(1, since), this::merge));
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("approval gauges not refreshed: cannot list waiting runs ({})", e.toString());
      }
      failing = true;
      return;
    }
    if (failing) {
      log.info("approval gauges refreshed again");
      failing = false;
    }
    Instant now = clock.instant();
    byRunbook.forEach(
        (runbook, w) -> {
          Row row = rows.computeIfAbsent(runbook, name -> new Row(name, registry));
          row.runs = w.runs();
          row.oldestAgeSeconds =
              w.oldestSince() == null
                  ? 0
                  : Math.max(0, Duration.between(w.oldestSince(), now).toMillis() / 1000.0);
        });
    rows.keySet()
        .removeIf(
            runbook -> {
              if (byRunbook.containsKey(runbook)) {
                return false;
              }
              rows.get(runbook).gauges.forEach(registry::remove);
              return true;
            });
  }

  private Waiting merge(Waiting known, Waiting found) {
    return known.with(found.oldestSince());
  }

  /** Calls back with the runbook and the approval start of every run waiting for one. */
  private void collect(BiConsumer<String, Instant> found) {
    if (listing) {
      try {
        try (var runs = client.listExecutions(QUERY)) {
          runs.forEach(run -> since(run).ifPresent(s -> found.accept(run.getWorkflowType(), s)));
        }
        return;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        listing = false;
        log.info(
            "this Temporal server has no visibility queries (the embedded test server): the"
                + " approval gauges describe its open runs one by one");
      }
    }
    openRunsOneByOne(found);
  }

  private void openRunsOneByOne(BiConsumer<String, Instant> found) {
    String namespace = client.getOptions().getNamespace();
    var stub = client.getWorkflowServiceStubs().blockingStub();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse answer =
          stub.listOpenWorkflowExecutions(
              ListOpenWorkflowExecutionsRequest.newBuilder()
                  .setNamespace(namespace)
                  .setMaximumPageSize(1000)
                  .setNextPageToken(page)
                  .build());
      for (WorkflowExecutionInfo info : answer.getExecutionsList()) {
        WorkflowExecution execution = info.getExecution();
        try {
          WorkflowExecutionMetadata run =
              client
                  .newUntypedWorkflowStub(
                      WorkflowTargetOptions.newBuilder().setWorkflowExecution(execution).build())
                  .describe();
          if (run.getStatus()
              == io.temporal.api.enums.v1.WorkflowExecutionStatus
                  .WORKFLOW_EXECUTION_STATUS_RUNNING) {
            since(run).ifPresent(s -> found.accept(run.getWorkflowType(), s));
          }
        } catch (WorkflowNotFoundException e) {
          // closed and gone between the list and the describe
        }
      }
      page = answer.getNextPageToken();
    } while (!page.isEmpty());
  }

  private static Optional<Instant> since(WorkflowExecutionMetadata run) {
    OffsetDateTime since =
        run.getTypedSearchAttributes().get(RunbookSearchAttributes.APPROVAL_WAITING_SINCE);
    return Optional.ofNullable(since).map(OffsetDateTime::toInstant);
  }

  private static boolean hasApproval(CatalogEntry entry) {
    return entry.compiled().stepsById().values().stream()
        .anyMatch(step -> step.body() instanceof StepBody.Approval);
  }
}
