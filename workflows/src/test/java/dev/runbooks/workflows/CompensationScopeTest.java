package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A compensation runs in the scope of the execution that registered it: inside a foreach, each
 * iteration's compensation sees its own {@code item}, {@code index} and {@code steps}.
 */
class CompensationScopeTest extends WorkflowTestBase {

  static final String SAGA =
      """
      steps:
        - id: drain
          http: {method: POST, url: "${{ inputs.base }}/json/drain"}
          compensate:
            - id: undrain
              http: {method: POST, url: "${{ inputs.base }}/json/undrain"}
        - id: each
          foreach:
            items: "['db', 'llm', 'cache']"
            steps:
              - id: lock
                http: {method: POST, url: "${{ inputs.base }}/json/lock-${{ item }}"}
                outputs:
                  token: result.body.token
                compensate:
                  - id: unlock
                    http:
                      method: POST
                      url: "${{ inputs.base }}/json/unlock-${{ item }}"
                      body:
                        token: "${{ steps.lock.outputs.token }}"
                        index: "${{ index }}"
        - id: boom
          fail: broken after locking
      """;

  @BeforeEach
  void tokens() {
    for (String item : List.of("db", "llm", "cache")) {
      http.bodies.put("lock-" + item, "{\"token\":\"t-" + item + "\"}");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachIterationsCompensationTargetsItsOwnItemInReverseOrder() {
    Map<String, Object> report = env.run(header("saga-each") + SAGA, Map.of("base", http.url()));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(http.hits("/json/unlock-")).isZero();
    assertThat(http.json("/json/unlock-db")).containsExactly(Map.of("token", "t-db", "index", 0));
    assertThat(http.json("/json/unlock-llm")).containsExactly(Map.of("token", "t-llm", "index", 1));
    assertThat(http.json("/json/unlock-cache"))
        .containsExactly(Map.of("token", "t-cache", "index", 2));
    assertThat(http.hits("/json/undrain")).isEqualTo(1);
    List<Map<String, Object>> comps = (List<Map<String, Object>>) report.get("compensations");
    assertThat(comps)
        .extracting(c -> c.get("for"))
        .containsExactly("lock", "lock", "lock", "drain");
    assertThat(comps).extracting(c -> c.get("item")).containsExactly("cache", "llm", "db", null);
    assertThat(comps).extracting(c -> c.get("status")).containsOnly("succeeded");
    assertThat(step(report, "unlock").get("executions")).isEqualTo(3);
  }

  @Test
  void aRunThatResolvesRunsNoCompensation() {
    String yaml = header("saga-ok") + SAGA.replace("fail: broken after locking", "log: fine");
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));

    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(http.hits("/json/unlock-db") + http.hits("/json/undrain")).isZero();
    assertThat(report.get("compensations")).isEqualTo(List.of());
  }
}
