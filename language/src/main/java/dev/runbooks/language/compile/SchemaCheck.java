package dev.runbooks.language.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.parse.SourceMap;
import dev.runbooks.language.steps.ActionKinds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a parsed document against the generated runbook schema and turns the validator's
 * messages into plain ones that name the field, located where the field is written.
 */
final class SchemaCheck {
  private static final Map<String, String> PATTERNS =
      Map.of(
          "^[a-z][a-z0-9_]*$",
          "must start with a lowercase letter and hold only lowercase letters, digits and _",
          "^[a-z][a-z0-9-]{1,62}$",
          "must be 2 to 63 lowercase letters, digits and -, starting with a letter",
          RunbookSchema.PRINCIPAL,
          "must be user:<name> or group:<name>");

  private static final Schema SCHEMA = load();

  private SchemaCheck() {}

  private static Schema load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema schema = registry.getSchema(RunbookSchema.shared());
    schema.initializeValidators();
    return schema;
  }

  static List<Problem> validate(Object root, SourceMap map) {
    JsonNode node = Json.mapper().valueToTree(root);
    List<Error> messages = SCHEMA.validate(node);
    Set<Problem> problems = new LinkedHashSet<>();
    Set<String> suggested = new HashSet<>();
    Suggestions.Budget hints = new Suggestions.Budget();
    for (Error m : messages) {
      Problem p = translate(m, map, hints);
      if (p != null) {
        problems.add(p);
        String name = suggestedName(p.message());
        if (name != null) {
          suggested.add("missing required field '" + name + "'@" + FieldPaths.parent(p.path()));
        }
      }
    }
    problems.removeIf(p -> suggested.contains(p.message() + "@" + p.path()));
    return new ArrayList<>(problems);
  }

  /**
   * The name an unknown-field problem suggests ({@code unknown field 'x'; did you mean 'y'?}), or
   * null. The unknown name is the author's text and may itself hold those words, so the hint is the
   * last one and must close the message.
   */
  static String suggestedName(String message) {
    String marker = "; did you mean '";
    int hint = message.lastIndexOf(marker);
    if (!message.startsWith("unknown field '")
        || hint < 0
        || !message.endsWith("'?")
        || hint + marker.length() > message.length() - 2) {
      return null;
    }
    return message.substring(hint + marker.length(), message.length() - 2);
  }

  private static Problem translate(Error m, SourceMap map, Suggestions.Budget hints) {
    String path = path(m.getInstanceLocation());
    JsonNode instance = m.getInstanceNode();
    String type = m.getKeyword();
    switch (type) {
      case "additionalProperties" -> {
        String field = FieldPaths.child(path, m.getProperty());
        return new Problem(map.key(field), field, unknownField(m.getProperty(), m, hints));
      }
      case "required" -> {
        return new Problem(
            map.value(path), path, "missing required field '" + m.getProperty() + "'");
      }
      case "type" -> {
        return new Problem(map.value(path), path, wrongType(instance, m.getSchemaNode()));
      }
      case "enum" -> {
        if (templatedActionField(instance, path)) {
          return null;
        }
        return new Problem(map.value(path), path, badEnum(instance, m.getSchemaNode()));
      }
      case "pattern" -> {
        if (templatedActionField(instance, path)) {
          return null;
        }
        String pattern = m.getSchemaNode().asText();
        String text = PATTERNS.getOrDefault(pattern, "must match the pattern " + pattern);
        return new Problem(map.value(path), path, "'" + instance.asText() + "' " + text);
      }
      case "minimum" -> {
        return new Problem(map.value(path), path, "must be at least " + m.getSchemaNode());
      }
      case "maximum" -> {
        return new Problem(map.value(path), path, "must be at most " + m.getSchemaNode());
      }
      case "minItems", "minLength" -> {
        int min = m.getSchemaNode().asInt();
        return new Problem(
            map.value(path),
            path,
            min <= 1 ? "must not be empty" : "must have at least " + min + " elements");
      }
      case "if", "then", "else", "false" -> {
        return null;
      }
      default -> {
        String msg = m.getMessage();
        int colon = msg.indexOf(": ");
        return new Problem(map.value(path), path, colon > 0 ? msg.substring(colon + 2) : msg);
      }
    }
  }

  /**
   * Whether a value is a template in the config of an action step (such as {@code severity: ${{ ...
   * }}} of an escalate step): its choices are checked when the step runs, by the activity, since
   * only then is the value known.
   */
  static boolean templatedActionField(JsonNode instance, String path) {
    if (instance == null || !instance.isTextual() || !instance.asText().contains("${{")) {
      return false;
    }
    for (String segment : path.split("\\.")) {
      int bracket = segment.indexOf('[');
      if (ActionKinds.isAction(bracket >= 0 ? segment.substring(0, bracket) : segment)) {
        return true;
      }
    }
    return false;
  }

  static String path(NodePath location) {
    String path = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? FieldPaths.index(path, index)
              : FieldPaths.child(path, String.valueOf(element));
    }
    return path;
  }

  private static String unknownField(String field, Error m, Suggestions.Budget hints) {
    String message = "unknown field '" + field + "'";
    String pointer = m.getSchemaLocation().getFragment().getParent().toString();
    JsonNode props = RunbookSchema.shared().at(pointer.replace("#", "") + "/properties");
    List<String> names = new ArrayList<>();
    props.fieldNames().forEachRemaining(names::add);
    String best = hints.closest(field, names);
    if (best != null) {
      message += "; did you mean '" + best + "'?";
    }
    return message;
  }

  private static String wrongType(JsonNode instance, JsonNode expected) {
    List<String> names = new ArrayList<>();
    if (expected.isArray()) {
      expected.forEach(t -> names.add(article(t.asText())));
    } else {
      names.add(article(expected.asText()));
    }
    return "must be " + String.join(" or ", names) + ", not " + describe(instance);
  }

  private static String badEnum(JsonNode instance, JsonNode allowed) {
    List<String> values = new ArrayList<>();
    allowed.forEach(v -> values.add(v.asText()));
    String got = instance.isTextual() ? "'" + instance.asText() + "'" : describe(instance);
    if (values.size() == 1) {
      return "must be '" + values.get(0) + "', not " + got;
    }
    return "expected one of: " + String.join(", ", values) + " (not " + got + ")";
  }

  static String article(String jsonType) {
    return switch (jsonType) {
      case "object" -> "a map";
      case "array" -> "a list";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "string" -> "a string";
      case "boolean" -> "true or false";
      case "null" -> "empty";
      default -> jsonType;
    };
  }

  static String describe(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "empty";
    }
    if (node.isObject()) {
      return "a map";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isIntegralNumber()) {
      return "the number " + node.asText();
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    return "the string '" + node.asText() + "'";
  }
}
