package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.parse.ParsedYaml;
import dev.runbooks.language.parse.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed editor schemas under draft-07 semantics, as the VS Code YAML extension reads them:
 * validated by a draft-07 validator, every shipped runbook fits, every fixture the compiler's draft
 * 2020-12 schema refuses is refused too (at the same places), only draft-07 keywords are used, and
 * every step kind's snippet fits and compiles.
 */
class EditorSchemaTest {
  private static final Path SCHEMA = Path.of("../runbooks-yaml/schema/runbook.schema.json");
  private static final Path TEST_SCHEMA =
      Path.of("../runbooks-yaml/schema/runbook-test.schema.json");
  private static final Path CORPUS = Path.of("src/test/resources/corpus");

  /** Draft-07's keywords, and the annotations the VS Code YAML extension reads beside them. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "$schema",
          "$id",
          "$ref",
          "$comment",
          "title",
          "description",
          "default",
          "readOnly",
          "writeOnly",
          "examples",
          "multipleOf",
          "maximum",
          "exclusiveMaximum",
          "minimum",
          "exclusiveMinimum",
          "maxLength",
          "minLength",
          "pattern",
          "additionalItems",
          "items",
          "maxItems",
          "minItems",
          "uniqueItems",
          "contains",
          "maxProperties",
          "minProperties",
          "required",
          "additionalProperties",
          "definitions",
          "properties",
          "patternProperties",
          "dependencies",
          "propertyNames",
          "const",
          "enum",
          "type",
          "format",
          "contentMediaType",
          "contentEncoding",
          "if",
          "then",
          "else",
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          // the VS Code YAML extension's (yaml-language-server's) annotations
          "markdownDescription",
          "defaultSnippets",
          "enumDescriptions",
          "markdownEnumDescriptions",
          "deprecationMessage",
          "errorMessage",
          "doNotSuggest");

  /** Keywords whose value is data, not schemas: not searched for keywords. */
  private static final Set<String> DATA =
      Set.of(
          "enum",
          "const",
          "default",
          "examples",
          "defaultSnippets",
          "required",
          "enumDescriptions",
          "markdownEnumDescriptions");

  private static Schema draft07(Path file) throws IOException {
    JsonNode node = Json.mapper().readTree(Files.readString(file));
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
    schema.initializeValidators();
    return schema;
  }

  private static Schema compilerSchema() {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(RunbookSchema.schema());
  }

  private static List<Path> yamlFiles(Path dir, boolean tests) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(p -> p.toString().endsWith(".test.yaml") == tests)
          .sorted()
          .toList();
    }
  }

  /** The document as the compiler reads it (anchors and aliases resolved), or null. */
  private static JsonNode document(Path file) throws IOException {
    ParsedYaml parsed = YamlParser.parse(Files.readString(file), file.toString());
    return parsed.problems().isEmpty() ? Json.mapper().valueToTree(parsed.root()) : null;
  }

  /**
   * Where a schema refuses the document, leaving out what the compiler leaves out: a template in an
   * action step's field with fixed choices or a pattern, checked when the step runs.
   */
  private static Set<String> places(List<Error> errors) {
    Set<String> out = new TreeSet<>();
    for (Error e : errors) {
      boolean runtime =
          Set.of("enum", "pattern").contains(e.getKeyword())
              && SchemaCheck.templatedActionField(
                  e.getInstanceNode(), SchemaCheck.path(e.getInstanceLocation()));
      if (!runtime) {
        out.add(e.getInstanceLocation().toString());
      }
    }
    return out;
  }

  @Test
  void everyShippedRunbookFitsTheDraft07Schema() throws IOException {
    Schema schema = draft07(SCHEMA);
    List<Path> files = new ArrayList<>(yamlFiles(Path.of("../runbooks-yaml"), false));
    try (Stream<Path> scripts = Files.list(Path.of("../scripts"))) {
      for (Path dir : scripts.filter(d -> d.toString().endsWith("-runbooks")).toList()) {
        files.addAll(yamlFiles(dir, false));
      }
    }
    files.addAll(yamlFiles(Path.of("../cli/src/test/resources/fixtures/valid"), false));
    for (String dir : List.of("valid", "calls/valid", "routes/valid")) {
      files.addAll(yamlFiles(CORPUS.resolve(dir), false));
    }
    assertThat(files).hasSizeGreaterThan(80);
    for (Path file : files) {
      JsonNode doc = document(file);
      assertThat(doc).as(file + " parses").isNotNull();
      assertThat(schema.validate(doc)).as(file.toString()).isEmpty();
    }
  }

  @Test
  void everyFixtureTheCompilersSchemaRefusesIsRefusedAtTheSamePlaces() throws IOException {
    Schema editor = draft07(SCHEMA);
    Schema compiler = compilerSchema();
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("invalid", "calls/invalid", "routes/invalid")) {
      files.addAll(yamlFiles(CORPUS.resolve(dir), false));
    }
    files.addAll(yamlFiles(Path.of("../cli/src/test/resources/fixtures/invalid"), false));
    int refused = 0;
    for (Path file : files) {
      JsonNode doc = document(file);
      if (doc == null) {
        continue; // not YAML: no schema sees it
      }
      Set<String> expected = places(compiler.validate(doc));
      assertThat(places(editor.validate(doc))).as(file.toString()).isEqualTo(expected);
      refused += expected.isEmpty() ? 0 : 1;
    }
    assertThat(refused).as("structurally invalid fixtures").isGreaterThan(30);
  }

  @Test
  void theSchemasUseOnlyDraft07KeywordsAndResolvableReferences() throws IOException {
    for (Path file : List.of(SCHEMA, TEST_SCHEMA)) {
      JsonNode root = Json.mapper().readTree(Files.readString(file));
      assertThat(root.get("$schema").asText()).as(file.toString()).isEqualTo(EditorSchema.DRAFT_07);
      Set<String> used = new TreeSet<>();
      List<String> refs = new ArrayList<>();
      List<String> bare = new ArrayList<>();
      walk(root, "", used, refs, bare);
      assertThat(used).as(file + " keywords").isSubsetOf(KEYWORDS);
      for (String ref : refs) {
        assertThat(ref).as(file + " $ref").startsWith("#/definitions/");
        assertThat(root.at(ref.substring(1)).isObject()).as(file + " " + ref).isTrue();
      }
      assertThat(bare).as(file + ": description without markdownDescription").isEmpty();
    }
  }

  private static void walk(
      JsonNode schema, String at, Set<String> used, List<String> refs, List<String> bare) {
    if (!schema.isObject()) {
      return;
    }
    if (schema.path("description").isTextual() && !schema.has("markdownDescription")) {
      bare.add(at);
    }
    schema
        .properties()
        .forEach(
            e -> {
              String key = e.getKey();
              JsonNode value = e.getValue();
              used.add(key);
              if (key.equals("$ref")) {
                refs.add(value.asText());
              } else if (Set.of("properties", "definitions", "patternProperties").contains(key)) {
                value
                    .properties()
                    .forEach(
                        p ->
                            walk(
                                p.getValue(), at + "/" + key + "/" + p.getKey(), used, refs, bare));
              } else if (value.isArray() && !DATA.contains(key)) {
                for (int i = 0; i < value.size(); i++) {
                  walk(value.get(i), at + "/" + key + "/" + i, used, refs, bare);
                }
              } else if (!DATA.contains(key)) {
                walk(value, at + "/" + key, used, refs, bare);
              }
            });
  }

  @Test
  void everyStepKindHasASnippetThatFitsTheSchemaAndCompiles() throws IOException {
    Schema schema = draft07(SCHEMA);
    JsonNode committed = Json.mapper().readTree(Files.readString(SCHEMA));
    JsonNode snippets = committed.at("/definitions/step/defaultSnippets");
    List<String> labels = new ArrayList<>();
    snippets.forEach(s -> labels.add(s.get("label").asText()));
    assertThat(labels).containsExactlyInAnyOrderElementsOf(EditorSchema.stepKinds());
    for (JsonNode snippet : snippets) {
      String kind = snippet.get("label").asText();
      JsonNode step = EditorSchema.expand(snippet.get("body"));
      assertThat(step.has(kind)).as(kind).isTrue();
      ObjectNode runbook = Json.mapper().createObjectNode();
      runbook.put("apiVersion", "runbooks.dev/v1").put("kind", "Runbook");
      runbook.putObject("metadata").put("name", "snippet-" + kind.toLowerCase());
      runbook.putArray("steps").add(step);
      assertSnippetRunbook(schema, runbook, kind);
      assertThat(
              committed
                  .at("/definitions/step/properties/" + kind + "/markdownDescription")
                  .asText())
          .as(kind + " example")
          .contains("```yaml\n- id: ");
    }
    JsonNode whole = committed.at("/defaultSnippets/0/body");
    assertSnippetRunbook(schema, EditorSchema.expand(whole), "runbook");
  }

  private static void assertSnippetRunbook(Schema schema, JsonNode runbook, String kind)
      throws IOException {
    assertThat(schema.validate(runbook)).as(kind + " snippet fits the schema").isEmpty();
    String yaml = new YAMLMapper().writeValueAsString(runbook);
    Compilation compilation = RunbookCompiler.standard().compile(yaml, "snippet-" + kind + ".yaml");
    assertThat(compilation.problems()).as(kind + " snippet compiles:\n" + yaml).isEmpty();
    assertThat(compilation.ok()).isTrue();
  }

  @Test
  void enumsOfStepKindsAndFieldsCarryDescriptions() throws IOException {
    JsonNode committed = Json.mapper().readTree(Files.readString(SCHEMA));
    JsonNode severity = committed.at("/properties/metadata/properties/severity");
    assertThat(severity.get("markdownEnumDescriptions")).hasSize(severity.get("enum").size());
    JsonNode action = committed.at("/definitions/action-dlq/properties/action/anyOf/0");
    assertThat(action.get("enumDescriptions")).hasSize(action.get("enum").size());
  }

  @Test
  void placeholdersExpandToTheirDefaults() {
    assertThat(EditorSchema.expand("${1:a b}-$2-\\${{ item }}")).isEqualTo("a b--${{ item }}");
  }
}
