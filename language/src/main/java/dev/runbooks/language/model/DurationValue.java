package dev.runbooks.language.model;

import dev.runbooks.language.Durations;
import dev.runbooks.language.expr.Templates;
import java.time.Duration;
import java.util.Map;

/**
 * A duration field that is either written out, such as {@code 10m}, and so known when the runbook
 * is compiled, or a template such as {@code ${{ inputs.patience }}} whose value becomes known when
 * the step runs.
 */
public sealed interface DurationValue {
  /**
   * The duration with the run's variables.
   *
   * @throws IllegalArgumentException when a template's value is not a duration, saying why
   */
  Duration resolve(Map<String, ?> variables);

  /** A duration written out; the compiler has checked it. */
  record Fixed(Duration duration) implements DurationValue {
    @Override
    public Duration resolve(Map<String, ?> variables) {
      return duration;
    }
  }

  /** A template whose rendered value is parsed as a duration when the step runs. */
  record Template(String template) implements DurationValue {
    @Override
    public Duration resolve(Map<String, ?> variables) {
      return Durations.parse(String.valueOf(Templates.renderConfigTree(template, variables)));
    }
  }

  /**
   * The value of a field as written: null when it is absent or not a valid duration (the compiler's
   * checks report that), a {@link Template} when it holds {@code ${{ }}}.
   */
  static DurationValue of(Object written) {
    if (!(written instanceof String text)) {
      return null;
    }
    if (text.contains("${{")) {
      return new Template(text);
    }
    return Durations.isValid(text) ? new Fixed(Durations.parse(text)) : null;
  }
}
