package dev.runbooks.tester;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.runbooks.language.compile.EditorSchema;
import dev.runbooks.language.parse.ParsedYaml;
import dev.runbooks.language.parse.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema editors use for test files (draft-07, as the VS Code YAML extension reads it)
 * accepts every shipped test file and its own snippets, and refuses what the reader refuses.
 */
class TestFileSchemaTest {
  private static final Path SCHEMA = Path.of("../runbooks-yaml/schema/runbook-test.schema.json");

  private static Schema schema() throws IOException {
    JsonNode node = new ObjectMapper().readTree(Files.readString(SCHEMA));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
  }

  @Test
  void everyShippedTestFileFitsTheSchema() throws IOException {
    Schema schema = schema();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("../runbooks-yaml"))) {
      files = walk.filter(p -> p.toString().endsWith(".test.yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      // read as the runner reads it (anchors and aliases resolved), not as YAMLMapper's tree
      ParsedYaml parsed = YamlParser.parse(Files.readString(file), file.toString());
      assertThat(parsed.problems()).as(file.toString()).isEmpty();
      JsonNode doc = new ObjectMapper().valueToTree(parsed.root());
      assertThat(schema.validate(doc)).as(file.toString()).isEmpty();
    }
  }

  @Test
  void theSchemaRefusesAnUnknownFieldAndAResultWithAnError() throws IOException {
    JsonNode doc =
        new YAMLMapper()
            .readTree(
                """
                apiVersion: runbooks.dev/v1
                kind: RunbookTest
                runbook: x
                cases:
                  - name: a
                    mock: {}
                    mocks:
                      s: {result: {}, error: {type: T}}
                    expect: {outcome: resolved}
                """);
    assertThat(schema().validate(doc)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void theSnippetsFitTheSchema() throws IOException {
    JsonNode committed = new ObjectMapper().readTree(Files.readString(SCHEMA));
    assertThat(committed.get("$schema").asText())
        .isEqualTo("http://json-schema.org/draft-07/schema#");
    ObjectNode file = (ObjectNode) EditorSchema.expand(committed.at("/defaultSnippets/0/body"));
    assertThat(schema().validate(file)).isEmpty();
    JsonNode oneCase =
        EditorSchema.expand(committed.at("/definitions/case/defaultSnippets/0/body"));
    ((ArrayNode) file.get("cases")).add(oneCase);
    assertThat(schema().validate(file)).isEmpty();
  }
}
