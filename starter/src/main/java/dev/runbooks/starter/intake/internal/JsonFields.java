package dev.runbooks.starter.intake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading typed fields out of a webhook's JSON, failing with the path of the offending field. */
final class JsonFields {
  private JsonFields() {}

  /** The node at a dotted path ({@code a.b.0.c}); missing or null nodes come back as null. */
  static JsonNode at(JsonNode node, String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    JsonNode current = node;
    for (String part : path.split("\\.")) {
      if (current == null || current.isNull()) {
        return null;
      }
      current =
          current.isArray() && isIndex(part)
              ? current.get(Integer.parseInt(part))
              : current.get(part);
    }
    return current == null || current.isNull() || current.isMissingNode() ? null : current;
  }

  /**
   * Whether a path segment is an array index: 1 to 9 ASCII digits. An empty segment ({@code a..b})
   * or a longer number names no element (they were a NumberFormatException, a 500).
   */
  private static boolean isIndex(String part) {
    return !part.isEmpty()
        && part.length() <= 9
        && part.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** A string field, or null when absent; numbers and booleans are taken as their text. */
  static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    throw WebhookException.invalid(field, "must be a string, not " + kind(node));
  }

  /** A required non-blank string field. */
  static String requiredText(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null || value.isBlank()) {
      throw WebhookException.invalid(field, "is required and must be a non-empty string");
    }
    return value;
  }

  /** An object of strings, or an empty map when absent. */
  static Map<String, String> strings(JsonNode node, String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null) {
      return map;
    }
    if (!node.isObject()) {
      throw WebhookException.invalid(field, "must be an object of strings, not " + kind(node));
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isNull()) {
        continue;
      }
      if (!e.getValue().isValueNode()) {
        throw WebhookException.invalid(
            field + "." + e.getKey(), "must be a string, not " + kind(e.getValue()));
      }
      map.put(e.getKey(), e.getValue().asText());
    }
    return map;
  }

  /** Describes a node's JSON type for messages. */
  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary";
    };
  }
}
