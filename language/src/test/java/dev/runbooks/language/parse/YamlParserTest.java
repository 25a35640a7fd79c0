package dev.runbooks.language.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.Location;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlParserTest {
  private static final String SOURCE =
      """
      apiVersion: runbooks.dev/v1
      steps:
        - id: a
          http:
            url: http://x
            timeout: 30s
        - id: b
          sleep: 5m
          retries: 3
          ratio: 1.5
          flag: true
          empty: null
          quoted: "42"
      """;

  @Test
  void convertsToPlainValuesKeepingImplicitTypes() {
    ParsedYaml parsed = YamlParser.parse(SOURCE, "x.yaml");

    assertThat(parsed.problems()).isEmpty();
    Map<?, ?> root = (Map<?, ?>) parsed.root();
    Map<?, ?> second = (Map<?, ?>) ((List<?>) root.get("steps")).get(1);
    assertThat(second.get("sleep")).isEqualTo("5m");
    assertThat(second.get("retries")).isEqualTo(3L);
    assertThat(second.get("ratio")).isEqualTo(1.5);
    assertThat(second.get("flag")).isEqualTo(true);
    assertThat(second.containsKey("empty")).isTrue();
    assertThat(second.get("empty")).isNull();
    assertThat(second.get("quoted")).isEqualTo("42");
  }

  @Test
  void recordsValueAndKeyLocationsByPath() {
    SourceMap map = YamlParser.parse(SOURCE, "x.yaml").locations();

    assertThat(map.value("apiVersion")).isEqualTo(new Location("x.yaml", 1, 13));
    assertThat(map.key("apiVersion")).isEqualTo(new Location("x.yaml", 1, 1));
    assertThat(map.value("steps[0]")).isEqualTo(new Location("x.yaml", 3, 5));
    assertThat(map.key("steps[0].http")).isEqualTo(new Location("x.yaml", 4, 5));
    assertThat(map.value("steps[0].http.url")).isEqualTo(new Location("x.yaml", 5, 12));
    assertThat(map.value("steps[1].sleep")).isEqualTo(new Location("x.yaml", 8, 12));
  }

  @Test
  void unknownPathsFallBackToTheNearestEnclosingValue() {
    SourceMap map = YamlParser.parse(SOURCE, "x.yaml").locations();

    assertThat(map.value("steps[0].http.headers.x")).isEqualTo(new Location("x.yaml", 5, 7));
    assertThat(map.key("steps[9]")).isEqualTo(new Location("x.yaml", 3, 3));
  }

  @Test
  void syntaxErrorIsOneProblemAtTheMark() {
    ParsedYaml parsed = YamlParser.parse("a: b\n  c: d\n", "bad.yaml");

    assertThat(parsed.root()).isNull();
    assertThat(parsed.problems()).hasSize(1);
    assertThat(parsed.problems().get(0).location()).isEqualTo(new Location("bad.yaml", 2, 4));
    assertThat(parsed.problems().get(0).message()).startsWith("YAML syntax error: ");
  }

  @Test
  void duplicateKeysAreProblemsAtTheSecondKey() {
    ParsedYaml parsed = YamlParser.parse("a: 1\nb: 2\na: 3\n", "d.yaml");

    assertThat(parsed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(new Location("d.yaml", 3, 1));
              assertThat(p.path()).isEqualTo("a");
              assertThat(p.message()).isEqualTo("duplicate key 'a' (first at d.yaml:1:1)");
            });
    assertThat(((Map<?, ?>) parsed.root()).get("a")).isEqualTo(1L);
  }

  @Test
  void pathsHelpers() {
    assertThat(FieldPaths.parent("steps[2].http.url")).isEqualTo("steps[2].http");
    assertThat(FieldPaths.parent("steps[2]")).isEqualTo("steps");
    assertThat(FieldPaths.parent("steps")).isEmpty();
    assertThat(FieldPaths.child("", "steps")).isEqualTo("steps");
    assertThat(FieldPaths.index("steps", 1)).isEqualTo("steps[1]");
  }

  @Test
  void mergeKeysAddTheMergedEntriesTheMapDoesNotSet() {
    String source =
        """
        defaults: &probe
          method: GET
          timeout: 5s
        more: &retry
          retries: 3
          timeout: 9s
        steps:
          - http:
              <<: [*probe, *retry]
              url: http://x
              timeout: 1s
          - http:
              <<: *probe
              url: http://y
        """;
    ParsedYaml parsed = YamlParser.parse(source, "m.yaml");

    assertThat(parsed.problems()).isEmpty();
    List<?> steps = (List<?>) ((Map<?, ?>) parsed.root()).get("steps");
    assertThat(((Map<?, ?>) steps.get(0)).get("http"))
        .isEqualTo(Map.of("method", "GET", "timeout", "1s", "retries", 3L, "url", "http://x"));
    assertThat(((Map<?, ?>) steps.get(1)).get("http"))
        .isEqualTo(Map.of("method", "GET", "timeout", "5s", "url", "http://y"));
  }

  @Test
  void aMergeKeyOfAScalarIsAProblemWithItsPlace() {
    ParsedYaml parsed = YamlParser.parse("a:\n  <<: 3\n  b: 1\n", "m.yaml");

    assertThat(parsed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(new Location("m.yaml", 2, 7));
              assertThat(p.message())
                  .isEqualTo(
                      "a merge key (<<) takes a map or a list of maps, such as <<: *defaults");
            });
  }
}
