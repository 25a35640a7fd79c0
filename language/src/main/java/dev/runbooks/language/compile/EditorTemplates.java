package dev.runbooks.language.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Lets the editor schema accept a template where an action step's field has fixed choices or a
 * pattern, as the compiler does (it checks such values when the step runs, see {@link
 * SchemaCheck}): {@code {enum: [...]}} becomes {@code {anyOf: [{enum: [...]}, a template]}}, so
 * editors still complete the choices and a template is not marked as an error.
 */
final class EditorTemplates {
  /** A string holding a template. */
  static final String TEMPLATE = "\\$\\{\\{";

  private static final List<String> MOVED =
      List.of("enum", "pattern", "enumDescriptions", "markdownEnumDescriptions");

  private EditorTemplates() {}

  /** Rewrites every enum and pattern of the definition, in place. */
  static void allowTemplates(JsonNode schema) {
    if (schema.isArray()) {
      schema.forEach(EditorTemplates::allowTemplates);
      return;
    }
    if (!schema.isObject()) {
      return;
    }
    ObjectNode node = (ObjectNode) schema;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      switch (e.getKey()) {
        case "properties", "patternProperties" ->
            e.getValue().forEach(EditorTemplates::allowTemplates);
        case "items", "additionalProperties", "allOf", "anyOf", "oneOf", "then", "else" ->
            allowTemplates(e.getValue());
        default -> {}
      }
    }
    boolean choices = node.path("enum").isArray() && allText(node.get("enum"));
    if (!choices && !node.path("pattern").isTextual()) {
      return;
    }
    ObjectNode fixed = node.objectNode();
    for (String keyword : MOVED) {
      if (node.has(keyword)) {
        fixed.set(keyword, node.remove(keyword));
      }
    }
    ArrayNode anyOf = node.putArray("anyOf");
    anyOf.add(fixed);
    anyOf
        .addObject()
        .put("type", "string")
        .put("pattern", TEMPLATE)
        .put("description", "A template, checked when the step runs.");
  }

  private static boolean allText(JsonNode values) {
    for (JsonNode v : values) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
