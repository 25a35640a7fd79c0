package dev.runbooks.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The shape of a JSON document: the sorted paths of its fields with the type of each value, array
 * elements folded into {@code []}. Two notifications of the same kind from the same Alertmanager
 * have the same shape whatever their timestamps and values.
 */
final class JsonShape {
  private JsonShape() {}

  /** The paths of every value in the document, such as {@code alerts[].labels.alertname:STRING}. */
  static SortedSet<String> of(JsonNode node) {
    SortedSet<String> paths = new TreeSet<>();
    collect(node, "$", paths);
    return paths;
  }

  private static void collect(JsonNode node, String path, SortedSet<String> paths) {
    paths.add(path + ":" + node.getNodeType());
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collect(field.getValue(), path + "." + field.getKey(), paths);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, path + "[]", paths));
    }
  }
}
