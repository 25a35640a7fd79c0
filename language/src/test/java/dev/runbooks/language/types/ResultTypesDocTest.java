package dev.runbooks.language.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The language reference's result tables are those of {@link TypeDocs}: each step kind's table
 * follows a marker {@code <!-- result-type: KIND -->}. Run with {@code -Ddocs.write=true} to
 * rewrite the tables after a deliberate change of a result type.
 */
class ResultTypesDocTest {
  private static final Path DOC = Path.of("../docs/runbook-language.md");
  private static final String MARKER = "<!-- result-type: ";

  @Test
  void theReferenceShowsEveryKindsResultTypeAsTheCompilerKnowsIt() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    List<String> rewritten = new ArrayList<>();
    List<String> documented = new ArrayList<>();
    Map<String, ValueType> types = TypeDocs.resultTypes();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      rewritten.add(line);
      if (!line.startsWith(MARKER)) {
        continue;
      }
      String kind = line.substring(MARKER.length(), line.indexOf(" -->"));
      documented.add(kind);
      List<String> table = new ArrayList<>();
      while (i + 1 < lines.size() && lines.get(i + 1).startsWith("|")) {
        table.add(lines.get(++i));
      }
      assertThat(types).as("a step kind named %s", kind).containsKey(kind);
      List<String> expected = TypeDocs.table(types.get(kind));
      rewritten.addAll(expected);
      if (!Boolean.getBoolean("docs.write")) {
        assertThat(table).as("the result table of %s", kind).isEqualTo(expected);
      }
    }
    if (Boolean.getBoolean("docs.write")) {
      Files.write(DOC, rewritten, StandardCharsets.UTF_8);
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(types.keySet());
  }

  @Test
  void everyActionKindDeclaresAnObjectResult() {
    TypeDocs.resultTypes()
        .forEach((kind, type) -> assertThat(type).as(kind).isInstanceOf(ValueType.ObjectOf.class));
  }
}
