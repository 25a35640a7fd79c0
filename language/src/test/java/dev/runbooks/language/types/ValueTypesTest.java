package dev.runbooks.language.types;

import static dev.runbooks.language.types.ValueType.field;
import static dev.runbooks.language.types.ValueType.object;
import static dev.runbooks.language.types.ValueType.optional;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholders and filled values of hand-built types. */
class ValueTypesTest {
  private static final ValueType COMMAND =
      object(
          "exitCode", field(ValueType.INT, "The exit code."),
          "stdout", field(ValueType.STRING, "Standard output."),
          "ok", field(ValueType.BOOL, "Whether it succeeded."),
          "load", field(ValueType.DOUBLE, "A figure."),
          "lines", field(ValueType.listOf(ValueType.STRING), "Lines."),
          "labels", field(new ValueType.MapOf(ValueType.STRING), "Labels."),
          "json", optional(ValueType.ANY, "Parsed output."),
          "timing", field(object("ms", field(ValueType.INT, "Milliseconds.")), "Timing."));

  @Test
  void aPlaceholderHasEveryFieldWithItsTypesZeroValue() {
    Object value = ValueTypes.placeholder(COMMAND);

    assertThat(value)
        .isEqualTo(
            Map.of(
                "exitCode",
                0L,
                "stdout",
                "",
                "ok",
                false,
                "load",
                0.0,
                "lines",
                List.of(),
                "labels",
                Map.of(),
                "json",
                Map.of(),
                "timing",
                Map.of("ms", 0L)));
    assertThat(List.copyOf(((Map<?, ?>) value).keySet()))
        .isEqualTo(
            List.of("exitCode", "stdout", "ok", "load", "lines", "labels", "json", "timing"));
  }

  @Test
  void anyIsAnEmptyMapAndScalarsTheirZero() {
    assertThat(ValueTypes.placeholder(ValueType.ANY)).isEqualTo(Map.of());
    assertThat(ValueTypes.placeholder(ValueType.STRING)).isEqualTo("");
    assertThat(ValueTypes.placeholder(ValueType.INT)).isEqualTo(0L);
    assertThat(ValueTypes.placeholder(ValueType.listOf(ValueType.INT))).isEqualTo(List.of());
  }

  @Test
  void placeholdersAreNewEachTime() {
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) ValueTypes.placeholder(COMMAND);
    first.put("stdout", "changed");

    assertThat(((Map<?, ?>) ValueTypes.placeholder(COMMAND)).get("stdout")).isEqualTo("");
  }

  @Test
  void fillKeepsGivenFieldsAndAddsTheMissingOnes() {
    Object value =
        ValueTypes.fill(COMMAND, Map.of("stdout", "freed 2G", "timing", Map.of(), "extra", "kept"));

    assertThat(value)
        .isEqualTo(
            Map.of(
                "exitCode",
                0L,
                "stdout",
                "freed 2G",
                "ok",
                false,
                "load",
                0.0,
                "lines",
                List.of(),
                "labels",
                Map.of(),
                "json",
                Map.of(),
                "timing",
                Map.of("ms", 0L),
                "extra",
                "kept"));
    assertThat(ValueTypes.fill(ValueType.ANY, Map.of("a", 1L))).isEqualTo(Map.of("a", 1L));
    assertThat(ValueTypes.fill(COMMAND, null)).isEqualTo(ValueTypes.placeholder(COMMAND));
  }
}
