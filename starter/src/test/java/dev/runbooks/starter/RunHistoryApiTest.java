package dev.runbooks.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.ApiTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** {@code GET /api/history/<id>}: a real run's history, readable by Temporal's own JSON reader. */
@SpringBootTest(
    classes = ApiTestApplication.class,
    properties = "runbook.test.catalog-dir=src/test/resources/runbooks")
@AutoConfigureMockMvc
class RunHistoryApiTest {
  @Autowired MockMvc mvc;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void answersAFinishedRunsHistoryWithPlainPayloads() throws Exception {
    MvcResult started =
        mvc.perform(
                post("/api/runbooks/greet/runs")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"who\": \"ada\"}")
                    .with(TestCredentials.admin()))
            .andReturn();
    assertThat(started.getResponse().getStatus()).isEqualTo(201);
    String id =
        json.readValue(
                started.getResponse().getContentAsString(),
                new TypeReference<Map<String, Object>>() {})
            .get("workflowId")
            .toString();

    WorkflowExecutionHistory history = awaitClosed(id);

    HistoryEvent first = history.getEvents().get(0);
    Object inputs =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            first.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0),
            Object.class,
            Object.class);
    assertThat(inputs).isEqualTo(Map.of("who", "ada"));
    assertThat(first.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName())
        .isEqualTo("greet");
    HistoryEvent last = history.getLastEvent();
    Object report =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            last.getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0),
            Object.class,
            Object.class);
    assertThat(((Map<?, ?>) report).get("outcome")).isEqualTo("resolved");
  }

  @Test
  void answersAnUnknownRunWith404() throws Exception {
    MvcResult result =
        mvc.perform(get("/api/history/runbook/greet/nope").with(TestCredentials.admin()))
            .andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(404);
    assertThat(result.getResponse().getContentAsString()).contains("error");
  }

  private WorkflowExecutionHistory awaitClosed(String id) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      MvcResult result =
          mvc.perform(get("/api/history/" + id).with(TestCredentials.admin())).andReturn();
      assertThat(result.getResponse().getStatus())
          .as(result.getResponse().getContentAsString())
          .isEqualTo(200);
      assertThat(result.getResponse().getContentType()).contains("application/json");
      WorkflowExecutionHistory history =
          WorkflowExecutionHistory.fromJson(result.getResponse().getContentAsString());
      if (history.getLastEvent().getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
          || System.currentTimeMillis() > deadline) {
        return history;
      }
      Thread.sleep(100);
    }
  }
}
