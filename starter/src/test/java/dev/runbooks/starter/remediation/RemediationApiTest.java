package dev.runbooks.starter.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.RestartLedger;
import dev.runbooks.activities.store.PostgresRemediationStore;
import dev.runbooks.starter.intake.IntakeTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code /api/quarantine} and {@code /api/audit} over a real PostgreSQL migrated by Flyway (V2),
 * with rows written by the activities' own store, as the worker's restart and dlq steps write them.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {"runbook.intake.dispatcher.enabled=false"})
@AutoConfigureMockMvc
class RemediationApiTest {
  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  @Autowired Jdbi jdbi;

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    var result = mvc.perform(TestCredentials.api(request)).andReturn();
    assertThat(result.getResponse().getStatus())
        .as(result.getResponse().getContentAsString())
        .isEqualTo(status);
    return json.readValue(result.getResponse().getContentAsString(), new TypeReference<>() {});
  }

  @Test
  void listsAndClearsQuarantinedTargets() throws Exception {
    PostgresRemediationStore store = new PostgresRemediationStore(jdbi);
    store.quarantine(
        new RestartLedger.Quarantine(
            "razar-memory", Instant.now(), "4 restarts within 1h", "wf-q", "razar"));

    Map<String, Object> list = call(get("/api/quarantine"), 200);
    assertThat(list.get("quarantined").toString()).contains("razar-memory", "4 restarts within 1h");

    call(delete("/api/quarantine/razar-memory"), 200);
    assertThat(store.quarantined("razar-memory")).isEmpty();
    Map<String, Object> again = call(delete("/api/quarantine/razar-memory"), 404);
    assertThat(again.get("error").toString()).contains("not quarantined");
  }

  @Test
  void filtersTheAuditTrail() throws Exception {
    PostgresRemediationStore store = new PostgresRemediationStore(jdbi);
    store.append(
        new AuditEntry(
            null,
            "wf-1",
            "juggernaut-dlq-drain",
            "drain",
            "dlq.retry",
            "j/dead_letter_queue",
            "succeeded",
            "dlq.retry:j/dead_letter_queue",
            Map.of("retried", 12)));
    store.append(
        new AuditEntry(
            null,
            "wf-2",
            "razar",
            "restart",
            "restart",
            "razar-memory",
            "restarted",
            "restart:razar-memory",
            Map.of()));

    Map<String, Object> byRunbook = call(get("/api/audit?runbook=juggernaut-dlq-drain"), 200);
    assertThat(byRunbook).containsEntry("count", 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = ((List<Map<String, Object>>) byRunbook.get("entries")).get(0);
    assertThat(entry)
        .containsEntry("action", "dlq.retry")
        .containsEntry("step", "drain")
        .containsEntry("details", Map.of("retried", 12));
    assertThat(call(get("/api/audit?target=razar-memory"), 200)).containsEntry("count", 1);
    assertThat((Integer) call(get("/api/audit"), 200).get("count")).isGreaterThanOrEqualTo(2);
  }
}
