package dev.runbooks.starter.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.runbooks.starter.intake.IntakeProperties.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maintenance-window regexes run on RE2/J: linear time, and refused when RE2 lacks a construct. */
class MaintenanceWindowRegexTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = START.plusSeconds(3600);

  private static MaintenanceWindow window(Matcher... matchers) {
    return new MaintenanceWindow(
        "w1", List.of(matchers), START, END, null, "test", "api", START, null);
  }

  @Test
  void aBacktrackingPatternAgainstAnEightyCharacterLabelIsInstant() {
    MaintenanceWindow window = window(new Matcher("instance", "(.*a){8}x", true, true));
    Map<String, String> labels = Map.of("instance", "a".repeat(80));

    boolean matches =
        assertTimeoutPreemptively(Duration.ofMillis(500), () -> window.matches(labels));

    assertThat(matches).isFalse();
    assertThat(window.matches(Map.of("instance", "aaaaaaaax"))).isTrue();
  }

  @Test
  void theApiRefusesWhatRe2Lacks() {
    List<String> problems =
        MaintenanceWindow.problems(
            List.of(
                new Matcher("instance", "(a)\\1", true, true),
                new Matcher("job", "jarvis(?!-canary)", true, false),
                new Matcher("env", "[prod", true, true)),
            START,
            END);

    assertThat(problems)
        .containsExactly(
            "matchers[0].value: not a supported regular expression: backreferences (\\1) are not"
                + " supported: regular expressions run on RE2, which matches in linear time",
            "matchers[1].value: not a supported regular expression: lookaheads ((?!...)) are not"
                + " supported: regular expressions run on RE2, which matches in linear time",
            "matchers[2].value: not a supported regular expression: missing closing ]: `[prod`");
  }

  @Test
  void aStoredPatternRe2CannotRunSuppressesNothing() {
    MaintenanceWindow window = window(new Matcher("instance", "(a)\\1", true, false));

    assertThat(window.matches(Map.of("instance", "b"))).isFalse();
  }
}
