package dev.runbooks.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.activities.store.PostgresRemediationStore;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.LoopGuards;
import io.temporal.failure.ApplicationFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loop guard counts on the worker's PostgreSQL ledger (the starter's {@code
 * V2__remediation.sql}): what one worker counted, a restarted worker (a new store) still refuses.
 */
class LoopGuardDurabilityTest {
  private static final Path MIGRATION =
      Path.of("../starter/src/main/resources/db/migration/V2__remediation.sql");
  private static EmbeddedPostgres pg;

  @BeforeAll
  static void migrate() throws Exception {
    pg = EmbeddedPostgres.builder().start();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(Files.readString(MIGRATION));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  private static void run(String workflowId) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("datasource", "juggernaut");
    config.put("action", "resolve");
    config.put(LoopGuards.FIELD, Map.of("max", 1, "window", "1h"));
    ActionRequest request = new ActionRequest("drain", workflowId, "close", "dlq", config);
    var split = LoopGuards.split(request.config());
    new LoopGuardCheck(new PostgresRemediationStore(pg.getPostgresDatabase()))
        .check(request.withConfig(split.getKey()), split.getValue().get(), StepContext.detached());
  }

  @Test
  void aRestartedWorkerStillRefusesTheRunAfterMax() {
    run("wf-1");
    run("wf-1"); // a retried attempt of the same invocation is not refused by its own record

    ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class, () -> run("wf-2"));

    assertThat(refused.getType()).isEqualTo(StepFailures.LOOP_GUARD_TRIPPED);
  }
}
