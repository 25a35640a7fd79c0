package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.inbox.internal.AlertLimits;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.workflows.RunbookSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * 10 kB label values, a 10 kB fingerprint and a 20 kB annotation reach Temporal capped (workflow
 * id, search attributes, memo) while the inbox keeps them whole.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.interval=100ms",
      "runbook.intake.allow-unauthenticated=true"
    })
@AutoConfigureMockMvc
class CappedDispatchTest {
  @Autowired MockMvc mvc;
  @Autowired InboxStore inbox;
  @Autowired WorkflowClient client;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void longValuesReachTemporalCappedWithHashSuffixes() throws Exception {
    String service = "s".repeat(10_240);
    String fingerprint = "f".repeat(10_240);
    String summary = "u".repeat(20_000);
    String body =
        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"fingerprint\":\""
            + fingerprint
            + "\",\"labels\":{\"alertname\":\"CpuHigh\",\"service\":\""
            + service
            + "\"},\"annotations\":{\"summary\":\""
            + summary
            + "\"}}]}";
    MvcResult accepted =
        mvc.perform(TestCredentials.api(webhook("/webhooks/alertmanager", body))).andReturn();
    assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
    Map<String, Object> answer =
        json.readValue(accepted.getResponse().getContentAsString(), new TypeReference<>() {});
    long id = ((Number) ((List<?>) answer.get("ids")).get(0)).longValue();

    InboxRow row = waitFor(id);
    assertThat(row.state()).as(row.routes().toString()).isEqualTo("dispatched");
    assertThat(row.alert().labels().get("service")).isEqualTo(service);
    assertThat(row.alert().fingerprint()).isEqualTo(fingerprint);
    String workflowId = (String) row.routes().get(0).get("workflowId");
    assertThat(workflowId).startsWith("runbook/cpu-high/").hasSizeLessThanOrEqualTo(1000);

    String cappedFingerprint = AlertLimits.cap(fingerprint, AlertLimits.FINGERPRINT);
    String cappedService = AlertLimits.cap(service, AlertLimits.LABEL_VALUE);
    WorkflowExecutionDescription run = null;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      run = client.newUntypedWorkflowStub(workflowId).describe();
      if (run.getTypedSearchAttributes().get(RunbookSearchAttributes.ALERT_FINGERPRINT) != null
          && run.getMemo("alertLabels", Map.class) != null) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(run.getTypedSearchAttributes().get(RunbookSearchAttributes.ALERT_FINGERPRINT))
        .isEqualTo(cappedFingerprint)
        .hasSize(128)
        .endsWith("~" + AlertLimits.sha256(fingerprint).substring(0, 16));
    assertThat(run.getTypedSearchAttributes().get(RunbookSearchAttributes.SERVICE))
        .isEqualTo(cappedService)
        .hasSize(512);
    Map<?, ?> labels = (Map<?, ?>) run.getMemo("alertLabels", Map.class);
    assertThat(labels.get("service")).isEqualTo(cappedService);
    assertThat((String) run.getMemo("alertSummary", String.class))
        .isEqualTo(AlertLimits.cap(summary, AlertLimits.ANNOTATION_VALUE))
        .hasSize(4096);
  }

  private InboxRow waitFor(long id) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    InboxRow row = inbox.find(id).orElseThrow();
    while ("pending".equals(row.state()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      row = inbox.find(id).orElseThrow();
    }
    return row;
  }
}
