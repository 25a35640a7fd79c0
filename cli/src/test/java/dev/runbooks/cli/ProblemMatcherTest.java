package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The problem matcher that the shipped VS Code tasks ({@code .vscode/tasks.json}) put on {@code
 * runbook validate} reads the command's real output: file, line, column, severity and message of
 * every problem, and nothing from the other lines.
 */
class ProblemMatcherTest {
  private static final Path TASKS = Path.of("../.vscode/tasks.json");
  private static final String FIXTURE = "src/test/resources/fixtures/invalid/two-problems.yaml";

  /** The pattern of every validate task: the regular expression and its groups. */
  record MatcherPattern(Pattern regexp, int severity, int file, int line, int column, int message) {
    static MatcherPattern of(JsonNode pattern) {
      return new MatcherPattern(
          Pattern.compile(pattern.get("regexp").asText()),
          pattern.get("severity").asInt(),
          pattern.get("file").asInt(),
          pattern.get("line").asInt(),
          pattern.get("column").asInt(),
          pattern.get("message").asInt());
    }
  }

  private static List<MatcherPattern> patterns() throws IOException {
    JsonNode tasks = new ObjectMapper().readTree(Files.readString(TASKS)).get("tasks");
    List<MatcherPattern> out = new ArrayList<>();
    for (JsonNode task : tasks) {
      if (task.path("args").path(0).asText().equals("validate")) {
        assertThat(task.get("command").asText()).endsWith("/bin/runbook");
        JsonNode matcher = task.get("problemMatcher");
        assertThat(matcher.get("fileLocation").get(0).asText()).isEqualTo("relative");
        assertThat(matcher.get("severity").asText()).isEqualTo("error");
        out.add(MatcherPattern.of(matcher.get("pattern")));
      }
    }
    return out;
  }

  @Test
  void theMatcherReadsEveryProblemOfARealValidateRun() throws IOException {
    ValidateCommandTest.Result r = ValidateCommandTest.run("validate", FIXTURE);
    assertThat(r.code()).isEqualTo(1);
    List<String> source = Files.readAllLines(Path.of(FIXTURE));
    List<MatcherPattern> patterns = patterns();
    assertThat(patterns).hasSize(2);

    for (MatcherPattern p : patterns) {
      List<String[]> problems = new ArrayList<>();
      for (String line : r.out().split("\n")) {
        Matcher m = p.regexp().matcher(line);
        if (m.matches()) {
          problems.add(
              new String[] {
                m.group(p.severity()),
                m.group(p.file()),
                m.group(p.line()),
                m.group(p.column()),
                m.group(p.message())
              });
        }
      }
      assertThat(problems).as(r.out()).hasSize(2);
      String[] sleep = problems.get(0);
      assertThat(sleep[0]).as("severity: the matcher's default, error").isNull();
      assertThat(sleep[1]).isEqualTo(FIXTURE);
      assertThat(source.get(Integer.parseInt(sleep[2]) - 1)).contains("sleep: forever");
      assertThat(
              source.get(Integer.parseInt(sleep[2]) - 1).substring(Integer.parseInt(sleep[3]) - 1))
          .startsWith("forever");
      assertThat(sleep[4]).startsWith("steps[0].sleep: invalid duration 'forever'");
      String[] nowhere = problems.get(1);
      assertThat(nowhere[1]).isEqualTo(FIXTURE);
      assertThat(source.get(Integer.parseInt(nowhere[2]) - 1)).contains("steps.nowhere");
      assertThat(nowhere[4]).contains("nowhere");
    }
  }

  @Test
  void theMatcherReadsAWarningAndSkipsTheOtherLines() throws IOException {
    Problem problem =
        new Problem(new Location("runbooks-yaml/a/b.yaml", 12, 7), "steps[1]", "x: y");
    for (MatcherPattern p : patterns()) {
      Matcher m = p.regexp().matcher("warning: " + problem);
      assertThat(m.matches()).isTrue();
      assertThat(m.group(p.severity())).isEqualTo("warning");
      assertThat(m.group(p.file())).isEqualTo("runbooks-yaml/a/b.yaml");
      assertThat(m.group(p.line())).isEqualTo("12");
      assertThat(m.group(p.column())).isEqualTo("7");
      assertThat(m.group(p.message())).isEqualTo("steps[1]: x: y");
      ValidateCommandTest.Result ok =
          ValidateCommandTest.run("validate", "src/test/resources/fixtures/valid");
      for (String line : ok.out().split("\n")) {
        assertThat(p.regexp().matcher(line).matches()).as(line).isFalse();
      }
    }
  }
}
