package dev.runbooks.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.workflows.RunbookSearchAttributes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The approval gauges against the in-memory Temporal test server (which has no visibility queries,
 * so the gauges describe its open runs one by one): a run with {@code ApprovalWaitingSince} counts
 * for its runbook with its age, every catalog runbook with an approval step has a row, a runbook
 * that left the catalog loses its row, and an unreachable Temporal keeps the last values.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApprovalGaugesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  /** Stands in for a run waiting for an approval since the time given. */
  @WorkflowInterface
  public interface Waiting {
    @WorkflowMethod(name = "gated")
    void waitSince(String since);

    @SignalMethod
    void done();
  }

  /** Sets the attribute the interpreter sets, then waits for {@code done}. */
  public static class WaitingImpl implements Waiting {
    private boolean done;

    @Override
    public void waitSince(String since) {
      Workflow.upsertTypedSearchAttributes(
          RunbookSearchAttributes.APPROVAL_WAITING_SINCE.valueSet(
              OffsetDateTime.ofInstant(Instant.parse(since), ZoneOffset.UTC)));
      Workflow.await(() -> done);
    }

    @Override
    public void done() {
      done = true;
    }
  }

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private Path catalogDir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() throws IOException {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute(
        RunbookSearchAttributes.APPROVAL_WAITING_SINCE.getName(),
        IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    Worker worker = env.newWorker("runbooks");
    worker.registerWorkflowImplementationTypes(WaitingImpl.class);
    env.start();
    client = env.getWorkflowClient();
    catalogDir = Files.createTempDirectory("approval-gauges");
    write("gated", "approval: {prompt: \"go on\"}");
    write("plain", "log: hi");
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void countsWaitingRunsByRunbookWithTheOldestAge(CapturedOutput output) throws Exception {
    RunbookCatalog catalog = RunbookCatalog.load(catalogDir);
    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.all()).hasSize(2);
    ApprovalGauges gauges =
        new ApprovalGauges(client, catalog, registry, Clock.fixed(NOW, ZoneOffset.UTC));
    gauges.refresh();
    assertThat(waiting("gated")).isZero();
    assertThat(age("gated")).isZero();
    assertThat(registry.find("runbook.approvals.waiting").tag("runbook", "plain").gauge())
        .as("a runbook without approval steps has no row")
        .isNull();

    WorkflowStub older = start("a", "2026-11-24T09:00:00Z");
    start("b", "2026-11-24T09:30:00Z");
    refreshUntil(gauges, "gated", 2);
    assertThat(waiting("gated")).isEqualTo(2);
    assertThat(age("gated")).isEqualTo(3600);

    older.signal("done");
    older.getResult(Void.class);
    refreshUntil(gauges, "gated", 1);
    assertThat(waiting("gated")).isEqualTo(1);
    assertThat(age("gated")).isEqualTo(1800);

    env.close();
    env = null;
    gauges.refresh();
    gauges.refresh();
    assertThat(waiting("gated")).as("the last values stay").isEqualTo(1);
    assertThat(output.getOut())
        .containsOnlyOnce("approval gauges not refreshed: cannot list waiting runs");
  }

  /**
   * Refreshes until the runbook's waiting count is the expected one or 10 s passed. In one full
   * build (not reproduced alone or in order with its neighbours) a single refresh right after the
   * older run completed counted 0 instead of 1; the cause is not understood yet, so the test asks
   * again for a moment, as the worker does every 30 s, and still asserts the exact count.
   */
  private void refreshUntil(ApprovalGauges gauges, String runbook, double expected)
      throws InterruptedException {
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60); // a loaded machine
    gauges.refresh();
    while (waiting(runbook) != expected && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      gauges.refresh();
    }
  }

  @Test
  void aRunbookThatLeftTheCatalogLosesItsRow() throws Exception {
    RunbookCatalog catalog = RunbookCatalog.load(catalogDir);
    ApprovalGauges gauges =
        new ApprovalGauges(client, catalog, registry, Clock.fixed(NOW, ZoneOffset.UTC));
    gauges.refresh();
    assertThat(waiting("gated")).isZero();

    Files.delete(catalogDir.resolve("gated.yaml"));
    catalog.reload();
    gauges.refresh();
    assertThat(registry.find("runbook.approvals.waiting").gauges()).isEmpty();
    assertThat(registry.find("runbook.approvals.oldest.age").gauges()).isEmpty();
  }

  private WorkflowStub start(String id, String since) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "gated",
            WorkflowOptions.newBuilder().setTaskQueue("runbooks").setWorkflowId(id).build());
    stub.start(since);
    for (int i = 0; i < 100; i++) {
      if (stub.describe()
          .getTypedSearchAttributes()
          .containsKey(RunbookSearchAttributes.APPROVAL_WAITING_SINCE)) {
        break;
      }
      sleep();
    }
    return stub;
  }

  private double waiting(String runbook) {
    Gauge g = registry.find("runbook.approvals.waiting").tag("runbook", runbook).gauge();
    assertThat(g).as("gauge of %s", runbook).isNotNull();
    return g.value();
  }

  private double age(String runbook) {
    Gauge g = registry.find("runbook.approvals.oldest.age").tag("runbook", runbook).gauge();
    assertThat(g).as("gauge of %s", runbook).isNotNull();
    return g.value();
  }

  private void write(String name, String step) throws IOException {
    Files.writeString(
        catalogDir.resolve(name + ".yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: %s}
        steps:
          - id: only
            %s
        """
            .formatted(name, step));
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
