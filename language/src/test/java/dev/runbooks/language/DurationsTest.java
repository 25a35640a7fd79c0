package dev.runbooks.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "250ms, PT0.25S",
    "30s, PT30S",
    "5m, PT5M",
    "1h30m, PT1H30M",
    "2d, PT48H",
    "1h30m15s, PT1H30M15S",
    "1m500ms, PT1M0.5S",
    "PT30S, PT30S",
    "P1DT2H, PT26H",
    "0s, PT0S"
  })
  void parsesCompactAndIsoForms(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 minutes", "10x", "1h30", "m5", "-5s", "PT", "30S", "s"})
  void rejectsEverythingElseWithThePlainMessage(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid duration '" + text + "': use forms like 30s, 5m, 1h30m or PT30S");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "PT1H30M, 1h30m",
    "PT0.25S, 250ms",
    "PT48H, 2d",
    "PT0S, 0s",
    "PT1H30M15.5S, 1h30m15s500ms",
    "PT26H, 1d2h"
  })
  void formatsCompactly(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"250ms", "30s", "5m", "1h30m", "2d", "1d2h3m4s5ms"})
  void formatThenParseRoundTrips(String text) {
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
  }
}
