package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.runbooks.language.model.Problem;
import dev.runbooks.language.parse.ParseLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input (the fixtures under {@code src/test/resources/hostile}, and generated sources too
 * large to keep as files): each one ends in exactly one located problem, or compiles, instead of
 * hanging, exhausting the heap or overflowing the stack. The timeout only guards against a hang; it
 * is not a performance assertion.
 */
class HostileInputTest {
  private static final Path DIR = Path.of("src/test/resources/hostile");
  private static final String AT = DIR + "/";

  /**
   * A guard against hangs, not a measure of speed (the compiler's speed lives in the benchmarks):
   * the linear inputs compile in well under a second on a quiet machine, but a loaded CI machine
   * with two cores took more than 5 s once.
   */
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private static final String HEAD =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: hostile
      steps:
      """;

  @TempDir Path tmp;

  private static List<String> compile(Path file) {
    return assertTimeoutPreemptively(
        HANG_GUARD, () -> messages(RunbookCompiler.standard().compile(file)));
  }

  private static List<String> compile(String source) {
    return compile(RunbookCompiler.standard(), source);
  }

  private static List<String> compile(RunbookCompiler compiler, String source) {
    return assertTimeoutPreemptively(
        HANG_GUARD, () -> messages(compiler.compile(source, "gen.yaml")));
  }

  private static List<String> messages(Compilation compilation) {
    return compilation.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void aliasInsideItsOwnAnchorIsRefusedAtTheAlias() {
    assertThat(compile(DIR.resolve("recursive-alias.yaml")))
        .containsExactly(
            AT
                + "recursive-alias.yaml:3:41: metadata.labels: alias *meta is used inside its own"
                + " anchor &meta (at "
                + AT
                + "recursive-alias.yaml:3:11), so it would expand forever");
  }

  @Test
  void billionLaughsIsRefusedAtTheAliasThatCrossesTheLimit() {
    assertThat(compile(DIR.resolve("billion-laughs.yaml")))
        .containsExactly(
            AT
                + "billion-laughs.yaml:14:10: x.f[0]: alias *e stands for 111111 values, which"
                + " takes the document over the limit of 200000 values once aliases are"
                + " expanded");
  }

  @Test
  void mergeKeyBombIsRefusedAtTheAliasThatCrossesTheLimit() {
    assertThat(compile(DIR.resolve("merge-key-bomb.yaml")))
        .containsExactly(
            AT
                + "merge-key-bomb.yaml:13:57: x.m5.<<[8]: alias *m4 stands for 21333 values,"
                + " which takes the document over the limit of 200000 values once aliases are"
                + " expanded");
  }

  @Test
  void deepNestingIsRefusedAtTheFirstLevelTooDeep() {
    assertThat(compile(DIR.resolve("deep-nesting.yaml")))
        .containsExactly(
            AT
                + "deep-nesting.yaml:7:71: steps[0].log"
                + "[0]".repeat(61)
                + ": the document nests maps and lists more than 64 levels deep; that is the"
                + " limit");
  }

  @Test
  void deepNestingThroughAliasesIsRefusedAtTheAlias() {
    // 40 levels in the anchor, used 27 levels deep (the root, x and 25 lists)
    String forty = "[".repeat(40) + "]".repeat(40);
    String source =
        HEAD
            + "  - id: a\n    log: hi\nx:\n  a: &a "
            + forty
            + "\n  b: "
            + "[".repeat(25)
            + "*a"
            + "]".repeat(25)
            + "\n";

    assertThat(compile(source))
        .containsExactly(
            "gen.yaml:10:31: x.b"
                + "[0]".repeat(25)
                + ": alias *a nests the document more than 64 levels deep; that is the limit");
  }

  @Test
  void valueLongerThanTheScalarLimitIsRefusedWhereItStarts() {
    String source = HEAD + "  - id: a\n    log: " + "x".repeat(100_000) + "\n";

    assertThat(compile(source))
        .containsExactly(
            "gen.yaml:7:10: steps[0].log: a value of 100000 characters is longer than the limit"
                + " of 65536");
  }

  @Test
  void keyLongerThanTheScalarLimitIsRefusedAtItsMap() {
    // a plain key is at most 1,024 characters in YAML; a longer one needs the explicit form
    String source = HEAD + "  - id: a\n    ? " + "k".repeat(70_000) + "\n    : hi\n";

    assertThat(compile(source))
        .containsExactly(
            "gen.yaml:7:7: steps[0]: a key of 70000 characters is longer than the limit of"
                + " 65536");
  }

  @Test
  void sourceLargerThanTheFileLimitIsNotParsed() {
    String source = HEAD + "  - id: a\n    log: " + "x ".repeat(1 << 20) + "\n";

    assertThat(compile(source))
        .containsExactly(
            "gen.yaml:1:1: the file is 2097247 bytes long; the limit is 1048576 bytes, so it was"
                + " not parsed");
  }

  @Test
  void fileLargerThanTheLimitIsRefusedUnread() throws IOException {
    // the explicit !!int of the issue: 2 million digits
    Path file = tmp.resolve("huge.yaml");
    Files.writeString(file, HEAD + "  - id: a\n    sleep: !!int " + "9".repeat(2_000_000) + "\n");

    assertThat(compile(file))
        .containsExactly(
            file
                + ":1:1: the file is 2000103 bytes long; the limit is 1048576 bytes, so it was"
                + " not parsed");
  }

  @Test
  void numberLongerThanTheLimitIsRefusedBeforeItIsConverted() {
    assertThat(compile(DIR.resolve("huge-int.yaml")))
        .containsExactly(
            AT
                + "huge-int.yaml:7:12: steps[0].sleep: a number of 1000 characters is longer than"
                + " the limit of 128");
  }

  @Test
  void numberJustUnderTheScalarLimitIsRefusedQuickly() {
    String source = HEAD + "  - id: a\n    sleep: !!int " + "7".repeat(60_000) + "\n";

    assertThat(compile(source))
        .containsExactly(
            "gen.yaml:7:12: steps[0].sleep: a number of 60000 characters is longer than the"
                + " limit of 128");
  }

  @Test
  void moreAliasesThanTheLimitAreRefusedAtTheFirstOneOver() {
    String source = HEAD + "  - id: a\n    log: &x hi\nx:\n" + "  - *x\n".repeat(1_001) + "";

    assertThat(compile(source))
        .containsExactly("gen.yaml:1009:5: x[1000]: more than 1000 aliases; that is the limit");
  }

  @Test
  void documentWithMoreValuesThanTheLimitIsRefused() {
    String source = HEAD + "  - id: a\n    log: hi\nx: [" + "0,".repeat(200_000) + "0]\n";

    assertThat(compile(source))
        .containsExactly(
            "gen.yaml:8:399969: x[199982]: the document holds more than 200000 values; that is"
                + " the limit");
  }

  @Test
  void moreStepsThanTheLimitAreRefusedAtTheFirstOneOver() {
    StringBuilder source = new StringBuilder(HEAD);
    for (int i = 0; i <= 5_000; i++) {
      source.append("  - {id: s").append(i).append(", log: hi}\n");
    }

    assertThat(compile(source.toString()))
        .containsExactly(
            "gen.yaml:5006:5: steps[5000]: the runbook has more than 5000 steps (nested ones"
                + " included); that is the limit, and this is step 5001");
  }

  @Test
  void nestedStepsCountTowardsTheLimitAndTheLimitIsConfigurable() {
    RunbookCompiler compiler = RunbookCompiler.withLimits(ParseLimits.defaults().withMaxSteps(3));
    String source =
        HEAD
            + """
              - id: a
                log: hi
              - id: b
                switch:
                  cases:
                    - when: "true"
                      steps:
                        - {id: c, log: hi}
                        - {id: d, log: hi}
            """;

    assertThat(compile(compiler, source))
        .containsExactly(
            "gen.yaml:14:15: steps[1].switch.cases[0].steps[1]: the runbook has more than 3 steps"
                + " (nested ones included); that is the limit, and this is step 4");
    assertThat(compile(source)).isEmpty();
  }

  @Test
  void didYouMeanHintsStopWhenTheirBudgetIsSpent() {
    // 2,500 unknown references among 2,500 steps: hints for the first 20, then none
    StringBuilder source = new StringBuilder(HEAD);
    for (int i = 0; i < 2_500; i++) {
      source
          .append("  - {id: s")
          .append(i)
          .append(", when: steps.t")
          .append(i)
          .append(".ok")
          .append(", log: hi}\n");
    }

    List<String> problems = compile(source.toString());

    assertThat(problems).hasSize(2_500);
    assertThat(problems.get(0))
        .isEqualTo(
            "gen.yaml:6:20: steps[0].when: unknown step 't0' in steps.t0; did you mean 's0'?");
    assertThat(problems.get(19)).endsWith("did you mean 's19'?");
    assertThat(problems.get(20))
        .isEqualTo("gen.yaml:26:21: steps[20].when: unknown step 't20' in steps.t20");
  }

  @Test
  void celStringLiteralOfFiveThousandCharactersIsScannedWithoutRecursion() {
    // the references inside the literals are text; the one outside is checked
    assertThat(compile(DIR.resolve("cel-string-literal.yaml")))
        .containsExactly(
            AT
                + "cel-string-literal.yaml:9:11: steps[0].when: unknown input 'nam' in"
                + " inputs.nam; did you mean 'name'?");
  }

  @Test
  void nonUtf8FileIsOneProblemAtTheFirstBadByte() {
    assertThat(compile(DIR.resolve("non-utf8.yaml")))
        .containsExactly(
            AT
                + "non-utf8.yaml:4:12: the file is not UTF-8 text: byte 0xE9 at offset 63 is not"
                + " valid UTF-8; save the file as UTF-8");
  }

  @Test
  void fixturesAreWhatTheyClaim() throws IOException {
    byte[] bytes = Files.readAllBytes(DIR.resolve("non-utf8.yaml"));
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("caf\u00e9");
    assertThat(Files.readString(DIR.resolve("billion-laughs.yaml")))
        .hasLineCount(17)
        .contains("&i [*h, *h");
  }
}
