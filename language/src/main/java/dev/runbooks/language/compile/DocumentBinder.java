package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.map;
import static dev.runbooks.language.compile.Problems.string;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Access;
import dev.runbooks.language.model.AccessAction;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.InputType;
import dev.runbooks.language.model.Metadata;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Schedule;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.language.model.YamlEnums;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Binds a parsed document (already checked against the schema) to a {@link Runbook}. */
final class DocumentBinder {
  private static final Pattern INPUT_NAME = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");

  private final Problems problems;
  private final StepBinder steps;

  DocumentBinder(Problems problems) {
    this.problems = problems;
    this.steps = new StepBinder(problems);
  }

  Runbook bind(Map<String, Object> root) {
    Map<String, Object> meta = map(root.get("metadata"));
    Map<String, String> labels = new LinkedHashMap<>();
    map(meta.get("labels"))
        .forEach(
            (k, v) -> {
              if (v instanceof String s) {
                labels.put(k, s);
              }
            });
    Metadata metadata =
        new Metadata(
            string(meta, "name", ""),
            string(meta, "title"),
            string(meta, "description"),
            string(meta, "owner"),
            labels,
            string(meta, "severity"));
    Map<String, InputSpec> inputs = new LinkedHashMap<>();
    map(root.get("inputs")).forEach((name, spec) -> inputs.put(name, input(name, map(spec))));
    List<Step> main = steps.list(root.get("steps"), "steps");
    List<Step> finallySteps = steps.list(root.get("finally"), "finally");
    List<Trigger> triggers = new TriggerBinder(problems).list(root.get("triggers"));
    List<Schedule> schedules =
        new ScheduleBinder(problems, metadata.name(), inputs).list(root.get("schedules"));
    List<String> targets = root.containsKey("targets") ? targets(root.get("targets")) : null;
    return new Runbook(
        metadata,
        inputs,
        main,
        finallySteps,
        triggers,
        schedules,
        targets,
        access(map(root.get("access"))),
        new RailsBinder(problems).runbook(root, steps),
        problems.map().value(""));
  }

  /**
   * Binds {@code access:}; the schema has reported unknown actions, empty lists and bad entries.
   */
  private static Access access(Map<String, Object> block) {
    Map<AccessAction, List<String>> rules = new java.util.EnumMap<>(AccessAction.class);
    block.forEach(
        (key, value) ->
            YamlEnums.find(AccessAction.values(), key)
                .ifPresent(
                    action -> {
                      List<String> principals = new java.util.ArrayList<>();
                      for (Object entry : Problems.list(value)) {
                        if (entry instanceof String text) {
                          principals.add(text);
                        }
                      }
                      rules.put(action, principals);
                    }));
    return new Access(rules);
  }

  /** Binds {@code targets:}, reporting each entry that is not a valid rule at its own line. */
  private List<String> targets(Object value) {
    List<String> out = new java.util.ArrayList<>();
    List<Object> entries = Problems.list(value);
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof String text)) {
        continue; // reported by the schema
      }
      try {
        dev.runbooks.language.targets.TargetRule.parse(text);
        out.add(text.strip());
      } catch (IllegalArgumentException e) {
        problems.at("targets[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  private InputSpec input(String name, Map<String, Object> spec) {
    String path = "inputs." + name;
    if (!INPUT_NAME.matcher(name).matches()) {
      problems.atKey(
          path,
          "input name '"
              + name
              + "' must start with a lowercase letter and hold only letters, digits and _");
    }
    InputType type = InputType.STRING;
    String typeName = string(spec, "type");
    if (typeName != null) {
      try {
        type = InputType.valueOf(typeName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // reported by the schema
      }
    }
    boolean required = Problems.bool(spec, "required", false);
    Object defaultValue = spec.get("default");
    if (spec.containsKey("default")) {
      String defaultPath = path + ".default";
      if (required) {
        problems.at(
            defaultPath,
            "input '" + name + "' is required, so it cannot have a default; drop one of them");
      }
      String wrong = defaultProblem(type, defaultValue);
      if (wrong != null) {
        problems.at(defaultPath, wrong);
      }
    }
    return new InputSpec(
        name,
        type,
        required,
        defaultValue,
        string(spec, "description"),
        problems.map().key(path),
        new InputConstraintBinder(problems).bind(path, type, spec));
  }

  private static String defaultProblem(InputType type, Object value) {
    if (value == null) {
      return null;
    }
    boolean ok =
        switch (type) {
          case STRING -> value instanceof String;
          case INT -> value instanceof Long;
          case NUMBER -> value instanceof Long || value instanceof Double;
          case BOOL -> value instanceof Boolean;
          case DURATION -> value instanceof String s && Durations.isValid(s);
          case LIST -> value instanceof List;
          case OBJECT -> value instanceof Map;
        };
    if (ok) {
      return null;
    }
    if (type == InputType.DURATION && value instanceof String s) {
      return "default: invalid duration '" + s + "': use forms like 30s, 5m, 1h30m or PT30S";
    }
    return "default must be "
        + switch (type) {
          case STRING -> "a string";
          case INT -> "an integer";
          case NUMBER -> "a number";
          case BOOL -> "true or false";
          case DURATION -> "a duration such as 30s";
          case LIST -> "a list";
          case OBJECT -> "a map";
        }
        + " because the input's type is "
        + type.yamlName()
        + ", not "
        + describe(value);
  }

  static String describe(Object value) {
    if (value instanceof String s) {
      return "the string '" + s + "'";
    }
    if (value instanceof Map) {
      return "a map";
    }
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return "the number " + value;
  }
}
