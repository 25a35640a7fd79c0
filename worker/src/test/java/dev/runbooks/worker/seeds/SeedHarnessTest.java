package dev.runbooks.worker.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness itself: the worker is up with the repository's catalog and the testbed answers. */
class SeedHarnessTest {

  @Test
  void workerServesTheRepositoryCatalogAndTheTestbedAnswers() {
    SeedHarness harness = SeedHarness.get().fresh();
    JsonNode runbooks = harness.get("/api/runbooks");
    assertThat(runbooks.path("httpStatus").asInt()).isEqualTo(200);
    assertThat(runbooks.toString()).contains("hello-http");
    assertThat(runbooks.path("rejected").size()).as(runbooks.toString()).isZero();
    for (String system : harness.testbed().systems()) {
      JsonNode state = harness.get(harness.testbed().url(system) + "/admin/state");
      assertThat(state.path("httpStatus").asInt()).as(system).isEqualTo(200);
    }
    JsonNode unknown = harness.post(harness.pagerUrl() + "/admin/faults/nope", Map.of());
    assertThat(unknown.path("error").asText()).contains("unknown fault 'nope' for pager");
  }
}
