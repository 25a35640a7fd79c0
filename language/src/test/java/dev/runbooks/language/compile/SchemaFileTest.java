package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed schema for editors is the one the compiler generates. */
class SchemaFileTest {
  private static final Path COMMITTED = Path.of("../runbooks-yaml/schema/runbook.schema.json");

  @Test
  void committedSchemaMatchesTheGeneratedOne() throws IOException {
    String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";

    assertThat(committed)
        .as(
            "runbooks-yaml/schema/runbook.schema.json is out of date; regenerate it from the repo"
                + " root with: ./mvnw -q -o install -pl language -DskipTests && java -cp"
                + " \"language/target/classes:$(./mvnw -q -o dependency:build-classpath -pl"
                + " language -Dmdep.outputFile=/dev/stdout)\""
                + " dev.runbooks.language.compile.SchemaWriter"
                + " runbooks-yaml/schema/runbook.schema.json")
        .isEqualTo(RunbookSchema.json());
  }

  @Test
  void schemaIsDraft202012WithIdAndEveryStepType() {
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
}
