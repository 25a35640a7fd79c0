package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import dev.runbooks.workflows.internal.PlanCache;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's catalog seeds the interpreter's plan cache: a run of a catalog runbook does not
 * compile in the workflow thread, while a run of a runbook the cache was not given does.
 */
class PlanCacheSeederTest {
  @TempDir Path seeded;
  @TempDir Path unseeded;

  @Test
  void aRunOfACatalogRunbookFindsItsPlanWithoutCompiling() throws Exception {
    RunbookCatalog catalog = catalog(seeded, "seeded-plan", true);
    CatalogEntry entry = catalog.find("seeded-plan").orElseThrow();
    assertThat(PlanCache.holds(entry.version(), entry.file().toString(), entry.source())).isTrue();
    RunbookCatalog other = catalog(unseeded, "unseeded-plan", false);

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      RunbookSearchAttributes.definitions().forEach(env::registerSearchAttribute);
      Worker worker = env.newWorker(RunbookWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
      worker.registerActivitiesImplementations(new Sources(catalog, other));
      env.start();

      long before = PlanCache.compilations();
      assertThat(run(env, "seeded-plan")).containsEntry("outcome", "resolved");
      assertThat(PlanCache.compilations()).isEqualTo(before);

      assertThat(run(env, "unseeded-plan")).containsEntry("outcome", "resolved");
      assertThat(PlanCache.compilations()).isEqualTo(before + 1);
    }
  }

  private static RunbookCatalog catalog(Path dir, String name, boolean seed) throws Exception {
    Files.writeString(
        dir.resolve(name + ".yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: %s}
        steps:
          - id: hello
            log: "hello from %s"
        """
            .formatted(name, dir.getFileName()));
    RunbookCatalog catalog = new RunbookCatalog(dir);
    List<CatalogListener> listeners = seed ? List.of(new PlanCacheSeeder(catalog)) : List.of();
    new CatalogReloader(catalog, Duration.ofHours(1), listeners).reload();
    return catalog;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(TestWorkflowEnvironment env, String name) {
    WorkflowStub stub =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(
                name,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                    .setWorkflowId("runbook/" + name)
                    .build());
    stub.start(Map.of(), Map.of());
    return stub.getResult(Map.class);
  }

  /** Serves each runbook from the catalog that holds it. */
  private record Sources(RunbookCatalog seeded, RunbookCatalog unseeded)
      implements dev.runbooks.workflows.RunbookSourceActivities {
    @Override
    public dev.runbooks.workflows.RunbookSource load(String name) {
      RunbookCatalog holder = seeded.find(name).isPresent() ? seeded : unseeded;
      return new CatalogRunbookSources(holder).load(name);
    }
  }
}
