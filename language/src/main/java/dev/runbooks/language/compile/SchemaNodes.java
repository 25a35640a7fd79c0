package dev.runbooks.language.compile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small builders for JSON Schema nodes, so the generator reads like the schema it writes. */
final class SchemaNodes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SchemaNodes() {}

  static ObjectNode node() {
    return F.objectNode();
  }

  static ObjectNode typed(String type, String description) {
    ObjectNode n = node();
    n.put("type", type);
    if (description != null) {
      n.put("description", description);
    }
    return n;
  }

  static ObjectNode string(String description) {
    return typed("string", description);
  }

  static ObjectNode integer(String description, Integer minimum) {
    ObjectNode n = typed("integer", description);
    if (minimum != null) {
      n.put("minimum", minimum);
    }
    return n;
  }

  static ObjectNode bool(String description) {
    return typed("boolean", description);
  }

  static ObjectNode duration(String description) {
    return ref("duration", description);
  }

  static ObjectNode ref(String def, String description) {
    ObjectNode n = node();
    n.put("$ref", "#/$defs/" + def);
    if (description != null) {
      n.put("description", description);
    }
    return n;
  }

  static ObjectNode enumOf(String description, String... values) {
    ObjectNode n = node();
    n.put("description", description);
    ArrayNode a = n.putArray("enum");
    for (String v : values) {
      a.add(v);
    }
    return n;
  }

  static ObjectNode types(String description, String... types) {
    ObjectNode n = node();
    ArrayNode a = n.putArray("type");
    for (String t : types) {
      a.add(t);
    }
    n.put("description", description);
    return n;
  }

  static ObjectNode stringMap(String description) {
    ObjectNode n = typed("object", description);
    n.set("additionalProperties", string(null));
    return n;
  }

  static ObjectNode stringList(String description) {
    ObjectNode n = typed("array", description);
    n.set("items", string(null));
    return n;
  }

  /** An object with the given properties (name, schema pairs), no others allowed. */
  static ObjectNode object(String description, String[] required, Object... properties) {
    ObjectNode n = node();
    n.put("type", "object");
    return closed(n, description, required, properties);
  }

  /** Adds description, properties, required fields and additionalProperties false to a node. */
  static ObjectNode closed(
      ObjectNode n, String description, String[] required, Object... properties) {
    if (description != null) {
      n.put("description", description);
    }
    ObjectNode props = n.putObject("properties");
    for (int i = 0; i < properties.length; i += 2) {
      props.set((String) properties[i], (ObjectNode) properties[i + 1]);
    }
    if (required.length > 0) {
      ArrayNode r = n.putArray("required");
      for (String s : required) {
        r.add(s);
      }
    }
    n.put("additionalProperties", false);
    return n;
  }

  /** When the value is a string, it must be one of these. */
  static ObjectNode ifString(ObjectNode n, String... values) {
    n.putObject("if").put("type", "string");
    ArrayNode a = n.putObject("then").putArray("enum");
    for (String v : values) {
      a.add(v);
    }
    return n;
  }

  static String[] req(String... names) {
    return names;
  }
}
