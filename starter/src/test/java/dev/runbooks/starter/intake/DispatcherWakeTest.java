package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.DispatchTest.alert;
import static dev.runbooks.starter.intake.DispatchTest.await;
import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.TestCredentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The webhook wakes the dispatcher: with an idle interval of an hour (so after its first pass at
 * start-up the dispatcher would not look at the inbox again for an hour) an accepted alert is still
 * dispatched and starts its run, and so is every alert of a second notification.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.interval=1h",
      "runbook.intake.allow-unauthenticated=true"
    })
@AutoConfigureMockMvc
class DispatcherWakeTest {
  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  @Test
  void anAcceptedAlertIsDispatchedAtOnceThoughTheDispatcherPollsHourly() throws Exception {
    long first = send(alert("DiskFull", "firing", "fp-wake-1", Map.of("instance", "db-1")));
    assertThat(awaitHandled(first).get("state")).isEqualTo("dispatched");

    long second = send(alert("DiskFull", "firing", "fp-wake-2", Map.of("instance", "db-2")));
    Map<String, Object> row = awaitHandled(second);
    assertThat(row.get("state")).isEqualTo("dispatched");
    assertThat(row.get("routes").toString())
        .contains("action=started", "workflowId=runbook/disk-full/fp-wake-2");
  }

  private long send(String body) throws Exception {
    Map<String, Object> answer = call(webhook("/webhooks/alertmanager", body), 202);
    return ((Number) ((List<?>) answer.get("ids")).get(0)).longValue();
  }

  private Map<String, Object> awaitHandled(long id) throws Exception {
    return await(
        () -> {
          try {
            Map<String, Object> row = call(get("/api/alerts/" + id), 200);
            return "pending".equals(row.get("state")) ? null : row;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  Map<String, Object> call(MockHttpServletRequestBuilder request, int status) throws Exception {
    MvcResult result = mvc.perform(TestCredentials.api(request)).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    return json.readValue(text, new TypeReference<>() {});
  }
}
