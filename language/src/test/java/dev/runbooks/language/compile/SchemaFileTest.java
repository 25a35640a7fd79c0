package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed schema for editors is the one generated from the compiler's; the compiler keeps
 * validating with the draft 2020-12 original.
 */
class SchemaFileTest {
  private static final Path COMMITTED = Path.of("../runbooks-yaml/schema/runbook.schema.json");

  @Test
  void committedSchemaMatchesTheGeneratedOne() throws IOException {
    if (Boolean.getBoolean("schema.write")) {
      Files.writeString(COMMITTED, EditorSchema.json());
    }
    String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";

    assertThat(committed)
        .as(
            "runbooks-yaml/schema/runbook.schema.json is out of date; regenerate it with:"
                + " ./mvnw -q -o -pl language -am verify -Dtest=SchemaFileTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dschema.write=true")
        .isEqualTo(EditorSchema.json());
  }

  @Test
  void compilerSchemaIsDraft202012WithIdAndEveryStepType() {
    var schema = RunbookSchema.schema();

    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("$id").asText()).isEqualTo(RunbookSchema.ID);
    var stepProps = schema.get("$defs").get("step").get("properties");
    for (String type :
        new String[] {"http", "tcp", "command", "log", "switch", "parallel", "foreach"}) {
      assertThat(stepProps.has(type)).as(type).isTrue();
    }
    assertThat(schema.get("$defs").get("step").get("additionalProperties").asBoolean()).isFalse();
  }

  @Test
  void editorSchemaIsDraft07WithTheSameIdAndDefinitions() {
    var editor = EditorSchema.schema();

    assertThat(editor.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(editor.get("$id").asText()).isEqualTo(RunbookSchema.ID);
    assertThat(editor.has("$defs")).isFalse();
    var names = new java.util.ArrayList<String>();
    RunbookSchema.schema().get("$defs").fieldNames().forEachRemaining(names::add);
    assertThat(editor.get("definitions").fieldNames())
        .toIterable()
        .containsExactlyElementsOf(names);
  }
}
