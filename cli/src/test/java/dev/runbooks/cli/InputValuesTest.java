package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.cli.internal.InputValues;
import dev.runbooks.language.RunbookException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --input k=v} and {@code --input-file} become a run's inputs. */
class InputValuesTest {

  @Test
  void keepsJsonTypesAndFallsBackToStrings() {
    assertThat(InputValues.value("42")).isEqualTo(42);
    assertThat(InputValues.value("1.5")).isEqualTo(1.5);
    assertThat(InputValues.value("true")).isEqualTo(true);
    assertThat(InputValues.value("[1, \"a\"]")).isEqualTo(List.of(1, "a"));
    assertThat(InputValues.value("{\"a\": 1}")).isEqualTo(Map.of("a", 1));
    assertThat(InputValues.value("\"42\"")).isEqualTo("42");
    assertThat(InputValues.value("null")).isNull();
    assertThat(InputValues.value("hello world")).isEqualTo("hello world");
    assertThat(InputValues.value("true story")).isEqualTo("true story");
    assertThat(InputValues.value("http://x:8080/health")).isEqualTo("http://x:8080/health");
    assertThat(InputValues.value("5m")).isEqualTo("5m");
    assertThat(InputValues.value("")).isEqualTo("");
  }

  @Test
  void splitsAtTheFirstEqualsSignAndLetsLaterValuesWin(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in.json");
    Files.writeString(file, "{\"a\": 1, \"b\": \"from file\"}");
    Map<String, Object> inputs = InputValues.parse(file, List.of("b=x=y", "c=[1,2]"));
    assertThat(inputs).containsEntry("a", 1).containsEntry("b", "x=y");
    assertThat(inputs.get("c")).isEqualTo(List.of(1, 2));
  }

  @Test
  void refusesPairsWithoutANameAndFilesThatAreNotObjects(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> InputValues.parse(null, List.of("novalue")))
        .isInstanceOf(RunbookException.class)
        .hasMessageContaining("expected name=value");
    Path file = dir.resolve("list.json");
    Files.writeString(file, "[1]");
    assertThatThrownBy(() -> InputValues.parse(file, List.of()))
        .isInstanceOf(RunbookException.class)
        .hasMessageContaining("not a JSON object");
  }
}
