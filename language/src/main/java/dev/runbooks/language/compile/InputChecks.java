package dev.runbooks.language.compile;

import dev.runbooks.language.inputs.InputBinder;
import dev.runbooks.language.inputs.InputException;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Metadata;
import dev.runbooks.language.model.Runbook;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the inputs that triggers and schedules give a run against the runbook's declared inputs,
 * with the messages a run would get at start: unknown names (with a suggestion), constant values of
 * the wrong type, and required inputs left out.
 */
final class InputChecks {
  private InputChecks() {}

  /** The declared input of this name, or null after reporting it as unknown at the path's key. */
  static InputSpec declared(
      Problems problems, Map<String, InputSpec> declared, String name, String path) {
    InputSpec spec = declared.get(name);
    if (spec != null) {
      return spec;
    }
    String hint = problems.hint(name, declared.keySet());
    problems.atKey(
        path,
        "unknown input '"
            + name
            + "'; "
            + (hint != null
                ? "did you mean '" + hint + "'?"
                : declared.isEmpty()
                    ? "this runbook takes no inputs"
                    : "this runbook takes: " + String.join(", ", declared.keySet())));
    return null;
  }

  /** Reports a constant value that does not fit the input's type, as a run would be told. */
  static void constant(
      Problems problems, String runbook, InputSpec spec, Object value, String path) {
    Runbook one =
        new Runbook(
            new Metadata(runbook, null, null, null, null, null),
            Map.of(spec.name(), spec),
            List.of(),
            List.of(),
            List.of(),
            Location.UNKNOWN);
    Map<String, Object> given = new java.util.HashMap<>();
    given.put(spec.name(), value); // an empty value in YAML is null: bound as given, not skipped
    try {
      InputBinder.bind(one, given);
    } catch (InputException e) {
      e.messages().forEach(m -> problems.at(path, m));
    }
  }

  /**
   * Reports every required input without a default that is not supplied.
   *
   * @param what what supplies the inputs, such as {@code trigger} or {@code schedule}
   */
  static void required(
      Problems problems,
      Map<String, InputSpec> declared,
      Set<String> supplied,
      String what,
      String path) {
    for (InputSpec spec : declared.values()) {
      if (spec.required() && spec.defaultValue() == null && !supplied.contains(spec.name())) {
        problems.at(path, what + " does not supply required input '" + spec.name() + "'");
      }
    }
  }
}
