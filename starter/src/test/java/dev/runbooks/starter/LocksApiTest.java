package dev.runbooks.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.ApiTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET /api/locks} and {@code /ui/locks} over a real in-process Temporal server: a run of
 * {@code holding} holds {@code service/checkout} (its runbook's lock) while a run of {@code queued}
 * waits for it around a step; both show with links to their runs, and the run status says who holds
 * what.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    properties = "runbook.test.catalog-dir=src/test/resources/locks")
@AutoConfigureMockMvc
class LocksApiTest {
  @Autowired MockMvc mvc;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  @Test
  @SuppressWarnings("unchecked")
  void showsTheHolderAndTheWaiterOfALock() throws Exception {
    String holder = start("holding");
    await(holder, r -> status(r).get("locks") instanceof List<?> l && !l.isEmpty());
    String waiter = start("queued");
    Map<String, Object> waiting =
        await(
            waiter,
            r ->
                status(r).get("locks") instanceof List<?> l
                    && !l.isEmpty()
                    && ((Map<String, Object>) l.get(0)).get("holder") != null);
    assertThat((List<Map<String, Object>>) status(waiting).get("locks"))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l).containsEntry("name", "service/checkout");
              assertThat(l).containsEntry("state", "waiting");
              assertThat(l).containsEntry("step", "act");
              assertThat(l).containsEntry("holder", holder);
            });

    Map<String, Object> named = call(get("/api/locks?name=service/checkout"), 200);
    assertThat(named).containsEntry("listed", true);
    Map<String, Object> lock = ((List<Map<String, Object>>) named.get("locks")).get(0);
    assertThat(lock).containsEntry("name", "service/checkout");
    assertThat((Map<String, Object>) lock.get("holder"))
        .containsEntry("workflowId", holder)
        .containsEntry("runbook", "holding")
        .containsEntry("step", null);
    assertThat((List<Map<String, Object>>) lock.get("waiters"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w).containsEntry("workflowId", waiter);
              assertThat(w).containsEntry("runbook", "queued");
              assertThat(w).containsEntry("step", "act");
            });
    Map<String, Object> free = call(get("/api/locks?name=service/nothing"), 200);
    assertThat((List<Map<String, Object>>) free.get("locks"))
        .singleElement()
        .satisfies(l -> assertThat(l.get("holder")).isNull());
    Map<String, Object> all = call(get("/api/locks"), 200);
    if (Boolean.TRUE.equals(all.get("listed"))) {
      assertThat(all.get("locks").toString()).contains(holder).contains(waiter);
    } else {
      assertThat((List<?>) all.get("locks")).isEmpty(); // the test server has no visibility
    }

    String page =
        mvc.perform(
                get("/ui/locks?name=service/checkout")
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.user("viewer")
                            .roles("VIEWER")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("service/checkout")
        .contains("href=\"/ui/runs/" + holder + "\"")
        .contains("href=\"/ui/runs/" + waiter + "\"")
        .contains("(whole run)")
        .contains("href=\"/ui/locks\"");

    call(
        post("/api/runs/" + holder + "/abort")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"by\": \"carol\", \"reason\": \"done\"}"),
        200);
    Map<String, Object> ended = await(waiter, r -> !"running".equals(r.get("executionStatus")));
    assertThat(((Map<String, Object>) ended.get("report")).get("outcome")).isEqualTo("resolved");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(Map<String, Object> run) {
    return run.get("status") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
  }

  private String start(String runbook) throws Exception {
    return call(
            post("/api/runbooks/" + runbook + "/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"),
            201)
        .get("workflowId")
        .toString();
  }

  private Map<String, Object> await(String id, Predicate<Map<String, Object>> done)
      throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      Map<String, Object> run = call(get("/api/runs/" + id), 200);
      if (done.test(run)) {
        return run;
      }
      assertThat(System.currentTimeMillis())
          .as("run %s never got there: %s", id, run)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    MvcResult result = mvc.perform(request.with(TestCredentials.admin())).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    return json.readValue(text, new TypeReference<>() {});
  }
}
