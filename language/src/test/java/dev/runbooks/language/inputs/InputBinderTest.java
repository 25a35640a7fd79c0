package dev.runbooks.language.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.InputType;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Metadata;
import dev.runbooks.language.model.Runbook;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputBinderTest {
  private static InputSpec input(String name, InputType type, boolean required, Object dflt) {
    return new InputSpec(name, type, required, dflt, null, Location.UNKNOWN);
  }

  private static Runbook runbook(InputSpec... inputs) {
    Map<String, InputSpec> declared = new LinkedHashMap<>();
    for (InputSpec spec : inputs) {
      declared.put(spec.name(), spec);
    }
    return new Runbook(
        new Metadata("jarvis-circuit-breaker-open", null, null, null, null, "warning"),
        declared,
        List.of(),
        List.of(),
        List.of(),
        Location.UNKNOWN);
  }

  private static final Runbook JARVIS =
      runbook(
          input("circuit", InputType.STRING, true, null),
          input("base_url", InputType.STRING, false, "http://localhost:8742"),
          input("retries", InputType.INT, false, 3L),
          input("threshold", InputType.NUMBER, false, null),
          input("dry_run", InputType.BOOL, false, false),
          input("wait", InputType.DURATION, false, "30s"),
          input("hosts", InputType.LIST, false, null),
          input("labels", InputType.OBJECT, false, null));

  @Test
  void appliesDefaultsInDeclaredOrderAndLeavesMissingOptionalInputsNull() {
    Map<String, Object> bound = InputBinder.bind(JARVIS, Map.of("circuit", "model_generation"));

    assertThat(bound.keySet())
        .containsExactly(
            "circuit", "base_url", "retries", "threshold", "dry_run", "wait", "hosts", "labels");
    assertThat(bound)
        .containsEntry("circuit", "model_generation")
        .containsEntry("base_url", "http://localhost:8742")
        .containsEntry("retries", 3L)
        .containsEntry("threshold", null)
        .containsEntry("dry_run", false)
        .containsEntry("wait", "30s");
  }

  @Test
  void coercesStringsAndNumbersToTheDeclaredTypes() {
    Map<String, Object> given = new HashMap<>();
    given.put("circuit", 42);
    given.put("retries", "5");
    given.put("threshold", "0.75");
    given.put("dry_run", "TRUE");
    given.put("wait", " 1h30m ");
    given.put("hosts", "[\"a\", \"b\"]");
    given.put("labels", Map.of("team", "jarvis", "tier", 1));

    Map<String, Object> bound = InputBinder.bind(JARVIS, given);

    assertThat(bound)
        .containsEntry("circuit", "42")
        .containsEntry("retries", 5L)
        .containsEntry("threshold", 0.75)
        .containsEntry("dry_run", true)
        .containsEntry("wait", "1h30m")
        .containsEntry("hosts", List.of("a", "b"))
        .containsEntry("labels", Map.of("team", "jarvis", "tier", 1L));
  }

  @Test
  void acceptsIntegralNumbersOfAnyJavaTypeAsInts() {
    assertThat(InputBinder.bind(JARVIS, Map.of("circuit", "c", "retries", 7)))
        .containsEntry("retries", 7L);
    assertThat(InputBinder.bind(JARVIS, Map.of("circuit", "c", "retries", 7.0)))
        .containsEntry("retries", 7L);
    assertThat(InputBinder.bind(JARVIS, Map.of("circuit", "c", "threshold", 2)))
        .containsEntry("threshold", 2L);
  }

  @Test
  void keepsNestedValuesPlainAndUnmodifiable() {
    Map<String, Object> bound =
        InputBinder.bind(
            JARVIS,
            Map.of("circuit", "c", "hosts", Arrays.asList(1, 2.5f, List.of("x"), Map.of("k", 3))));

    assertThat(bound.get("hosts")).isEqualTo(List.of(1L, 2.5, List.of("x"), Map.of("k", 3L)));
    assertThatThrownBy(() -> bound.put("circuit", "other"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void reportsEveryProblemAtOnceNamingEachInput() {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("retries", "abc");
    given.put("dry_run", "yes");
    given.put("wait", "5 minutes");
    given.put("hosts", Map.of());
    given.put("threshold", List.of());
    given.put("circuitt", "x");

    InputException e =
        catchThrowableOfType(InputException.class, () -> InputBinder.bind(JARVIS, given));

    assertThat(e.messages())
        .containsExactly(
            "unknown input 'circuitt'; this runbook takes: circuit, base_url, retries, threshold,"
                + " dry_run, wait, hosts, labels",
            "input 'circuit' is required",
            "input 'retries' must be an int, got \"abc\"",
            "input 'threshold' must be a number, got a list",
            "input 'dry_run' must be a bool (true or false), got \"yes\"",
            "input 'wait' must be a duration such as 30s, 5m, 1h30m or PT30S, got \"5 minutes\"",
            "input 'hosts' must be a list, got an object");
    assertThat(e.getMessage()).startsWith("7 input problems: unknown input 'circuitt'");
  }

  @Test
  void rejectsFractionsForIntsAndTextForNumbers() {
    InputException e =
        catchThrowableOfType(
            InputException.class,
            () ->
                InputBinder.bind(
                    JARVIS, Map.of("circuit", "c", "retries", 2.5, "threshold", "high")));

    assertThat(e.messages())
        .containsExactly(
            "input 'retries' must be an int, got 2.5",
            "input 'threshold' must be a number, got \"high\"");
  }

  @Test
  void treatsAnExplicitNullAsNotGiven() {
    Map<String, Object> given = new HashMap<>();
    given.put("circuit", null);
    given.put("retries", null);

    InputException e =
        catchThrowableOfType(InputException.class, () -> InputBinder.bind(JARVIS, given));

    assertThat(e.getMessage()).isEqualTo("input 'circuit' is required");
  }

  @Test
  void saysWhenARunbookTakesNoInputs() {
    assertThat(InputBinder.bind(runbook(), null)).isEmpty();
    assertThatThrownBy(() -> InputBinder.bind(runbook(), Map.of("x", 1)))
        .isInstanceOf(InputException.class)
        .hasMessage("unknown input 'x'; this runbook takes no inputs");
  }
}
