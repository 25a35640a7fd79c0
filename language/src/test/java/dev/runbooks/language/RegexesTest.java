package dev.runbooks.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Regexes from runbooks and API callers run on RE2/J: linear time, clear refusals. */
class RegexesTest {
  @Test
  void aCatastrophicBacktrackingPatternOnAnEightyCharacterLabelIsInstant() {
    String label = "a".repeat(80);

    boolean matched =
        assertTimeoutPreemptively(
            Duration.ofMillis(500), () -> Regexes.matchesWhole("(.*a){8}x", label));

    assertThat(matched).isFalse();
    assertThat(Regexes.matchesWhole("(.*a){8}x", "a".repeat(8) + "x")).isTrue();
  }

  @Test
  void matchingIsOfTheWholeValue() {
    assertThat(Regexes.matchesWhole("jarvis-[0-9]+", "jarvis-12")).isTrue();
    assertThat(Regexes.matchesWhole("jarvis-[0-9]+", "old-jarvis-1")).isFalse();
    assertThat(Regexes.matchesWhole("true|yes", "yes")).isTrue();
  }

  @Test
  void unsupportedConstructsAreNamed() {
    String linear =
        " are not supported: regular expressions run on RE2, which matches in linear time";
    assertThat(Regexes.problem("(a)\\1")).hasValue("backreferences (\\1)" + linear);
    assertThat(Regexes.problem("(?<x>a)\\k<x>"))
        .hasValue("named backreferences (\\k<name>)" + linear);
    assertThat(Regexes.problem("jarvis(?=-prod)")).hasValue("lookaheads ((?=...))" + linear);
    assertThat(Regexes.problem("(?!test).*")).hasValue("lookaheads ((?!...))" + linear);
    assertThat(Regexes.problem("(?<=x)y")).hasValue("lookbehinds ((?<=...))" + linear);
    assertThat(Regexes.problem("(?<!x)y")).hasValue("lookbehinds ((?<!...))" + linear);
    assertThat(Regexes.problem("(?>a+)b")).hasValue("atomic groups ((?>...))" + linear);
    assertThat(Regexes.problem("a*+b")).hasValue("possessive quantifiers (*+)" + linear);
    assertThat(Regexes.problem("jarvis-[0-9+")).hasValue("missing closing ]: `[0-9+`");
    assertThat(Regexes.problem("(node|jarvis")).hasValue("missing closing ): `(node|jarvis`");
    assertThat(Regexes.problem("x".repeat(1001)))
        .hasValue("the regular expression is 1001 characters long; at most 1000 are allowed");
  }

  @Test
  void escapedAndBracketedLookalikesAreFine() {
    assertThat(Regexes.problem("\\(\\?=x\\)")).isEmpty();
    assertThat(Regexes.problem("[(?=]+")).isEmpty();
    assertThat(Regexes.problem("a\\++")).isEmpty();
    assertThat(Regexes.problem("[]1]\\\\1")).isEmpty();
    assertThat(Regexes.problem("x".repeat(1000))).isEmpty();
  }

  @Test
  void matchingAnInvalidPatternThrowsWithTheProblem() {
    assertThatThrownBy(() -> Regexes.matchesWhole("(a)\\1", "aa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid regex '(a)\\1': backreferences (\\1) are not supported");
  }
}
