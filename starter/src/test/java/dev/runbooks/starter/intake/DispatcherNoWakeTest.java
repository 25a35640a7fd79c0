package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.DispatchTest.alert;
import static dev.runbooks.starter.intake.DispatchTest.await;
import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.dispatch.internal.AlertDispatcher;
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
 * With {@code runbook.intake.dispatcher.wake-on-accept=false} the webhook does not wake the
 * dispatcher: an alert waits in the inbox for the next poll (an hour here) until something calls
 * {@link AlertDispatcher#wake()}. (Dispatching row after row, {@code parallelism=1}.)
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.interval=1h",
      "runbook.intake.dispatcher.wake-on-accept=false",
      "runbook.intake.dispatcher.parallelism=1",
      "runbook.intake.allow-unauthenticated=true"
    })
@AutoConfigureMockMvc
class DispatcherNoWakeTest {
  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  @Autowired AlertDispatcher dispatcher;

  @Test
  void withoutTheWakeAnAlertWaitsForThePollAndWakeDispatchesIt() throws Exception {
    Map<String, Object> answer =
        call(
            webhook(
                "/webhooks/alertmanager",
                alert("DiskFull", "firing", "fp-nowake", Map.of("instance", "db-3"))),
            202);
    long id = ((Number) ((List<?>) answer.get("ids")).get(0)).longValue();

    Thread.sleep(1500);
    assertThat(call(get("/api/alerts/" + id), 200).get("state")).isEqualTo("pending");

    dispatcher.wake();
    Map<String, Object> row =
        await(
            () -> {
              try {
                Map<String, Object> r = call(get("/api/alerts/" + id), 200);
                return "pending".equals(r.get("state")) ? null : r;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(row.get("state")).isEqualTo("dispatched");
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    MvcResult result = mvc.perform(TestCredentials.api(request)).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    return json.readValue(text, new TypeReference<>() {});
  }
}
