package dev.runbooks.language.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runbook schema as editors read it, committed at {@code
 * runbooks-yaml/schema/runbook.schema.json}: the compiler's {@link RunbookSchema} in JSON Schema
 * draft-07 form (the dialect the VS Code YAML extension implements: {@code definitions} instead of
 * {@code $defs}), with the extension's hints added: {@code markdownDescription} beside every {@code
 * description} (with an example for each step kind), {@code defaultSnippets} (one per step kind,
 * and a whole runbook) and enum value descriptions. The hints come from {@code editor-hints.yaml}
 * beside this class. The validation keywords are the compiler's, except that action steps' fields
 * with fixed choices or a pattern also accept a template, as the compiler does ({@link
 * EditorTemplates}); the compiler keeps validating with the draft 2020-12 original.
 */
public final class EditorSchema {
  /** The {@code $schema} the editor schema declares. */
  public static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  /** Keywords whose values are data, not schemas. */
  private static final Set<String> DATA =
      Set.of("enum", "const", "default", "examples", "defaultSnippets");

  /** Keywords whose values map names to schemas. */
  private static final Set<String> MAPS = Set.of("properties", "definitions", "patternProperties");

  private EditorSchema() {}

  /** The step kinds, control steps first, then the registered action kinds. */
  public static List<String> stepKinds() {
    List<String> kinds = new ArrayList<>(ControlStepSchemas.TYPES);
    ActionKinds.all().stream().map(ActionKind::name).forEach(kinds::add);
    return kinds;
  }

  /** The editor schema (a fresh copy). */
  public static ObjectNode schema() {
    ObjectNode root = (ObjectNode) toDraft07(RunbookSchema.schema());
    root.put("$schema", DRAFT_07);
    JsonNode hints = hints();
    ObjectNode defs = (ObjectNode) root.get("definitions");
    ObjectNode stepProps = (ObjectNode) defs.get("step").get("properties");
    ArrayNode snippets = ((ObjectNode) defs.get("step")).putArray("defaultSnippets");
    for (String kind : stepKinds()) {
      JsonNode hint = snippet(hints, kind);
      String description = hint.path("description").asText();
      snippets
          .addObject()
          .put("label", kind)
          .put("description", description)
          .set("body", hint.get("body"));
      ObjectNode def = (ObjectNode) defs.get(definitionOf(kind));
      String text = def.path("description").asText(description);
      String markdown =
          text + "\n\nExample:\n\n```yaml\n" + yaml(List.of(expand(hint.get("body")))) + "```";
      ObjectNode property = (ObjectNode) stepProps.get(kind);
      property.put("description", text);
      property.put("markdownDescription", markdown);
      def.put("markdownDescription", markdown);
    }
    root.putArray("defaultSnippets").add(hints.get("runbook"));
    hints.path("enums").properties().forEach(e -> describeEnum(root, e.getKey(), e.getValue()));
    ActionKinds.all()
        .forEach(k -> EditorTemplates.allowTemplates(defs.get(definitionOf(k.name()))));
    return (ObjectNode) withMarkdown(root);
  }

  /**
   * A step kind's snippet: an action step's from its own schema file ({@code x-snippet}), a control
   * step's from {@code editor-hints.yaml}.
   */
  private static JsonNode snippet(JsonNode hints, String kind) {
    JsonNode hint =
        ActionKinds.find(kind)
            .map(RunbookSchema::snippet)
            .orElseGet(() -> hints.path("snippets").path(kind));
    if (!hint.has("body")) {
      throw new IllegalStateException(
          "no editor snippet for step kind "
              + kind
              + ": an action step's schema file needs \"x-snippet\" (description and body), a"
              + " control step an entry under snippets in editor-hints.yaml");
    }
    return hint;
  }

  /** The editor schema as pretty-printed JSON with a trailing newline, as it is committed. */
  public static String json() {
    try {
      return Json.mapper()
              .writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(schema())
              .replace("\r\n", "\n")
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A snippet body as the YAML extension inserts it once every placeholder keeps its default:
   * {@code ${1:text}} becomes {@code text}, {@code $1} nothing and {@code \$} a {@code $}; strings
   * are written unquoted (but {@code true} and {@code false}), so each is read back as YAML reads a
   * plain scalar (a string that must stay a string whatever it holds carries its own quotes).
   *
   * @throws IllegalArgumentException when a string would not read back as YAML
   */
  public static JsonNode expand(JsonNode body) {
    if (body.isTextual()) {
      String text = expand(body.asText());
      if (text.equals("true") || text.equals("false")) {
        return TextNode.valueOf(text);
      }
      try {
        JsonNode read = YAML.readTree("v: " + text);
        if (read == null || !read.isObject() || read.size() != 1 || !read.has("v")) {
          throw new IllegalArgumentException("snippet text does not read back as a value: " + text);
        }
        return read.get("v");
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("snippet text does not read back as YAML: " + text, e);
      }
    }
    JsonNode copy = body.deepCopy();
    if (copy.isObject()) {
      for (Map.Entry<String, JsonNode> e : copy.properties()) {
        e.setValue(expand(e.getValue()));
      }
    } else if (copy.isArray()) {
      ArrayNode a = (ArrayNode) copy;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, expand(a.get(i)));
      }
    }
    return copy;
  }

  static String expand(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c == '\\' && next == '$') {
        out.append('$');
        i += 2;
      } else if (c == '$' && next == '{' && i + 2 < text.length() && isDigit(text.charAt(i + 2))) {
        int colon = text.indexOf(':', i);
        int close = text.indexOf('}', i);
        if (colon > 0 && colon < close) {
          out.append(text, colon + 1, close);
        }
        i = close + 1;
      } else if (c == '$' && isDigit(next)) {
        i++;
        while (i < text.length() && isDigit(text.charAt(i))) {
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String definitionOf(String kind) {
    return ControlStepSchemas.TYPES.contains(kind) ? kind : "action-" + kind;
  }

  /** Renames {@code $defs} to {@code definitions} and points every {@code $ref} there. */
  private static JsonNode toDraft07(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = Json.mapper().createObjectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode value = e.getValue();
        if (e.getKey().equals("$ref") && value.isTextual()) {
          out.put("$ref", value.asText().replace("#/$defs/", "#/definitions/"));
        } else {
          out.set(e.getKey().equals("$defs") ? "definitions" : e.getKey(), toDraft07(value));
        }
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.mapper().createArrayNode();
      node.forEach(v -> out.add(toDraft07(v)));
      return out;
    }
    return node;
  }

  /** Adds {@code markdownDescription} after every textual {@code description} that has none. */
  private static JsonNode withMarkdown(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = Json.mapper().createObjectNode();
      boolean hasMarkdown = node.has("markdownDescription");
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("markdownDescription")) {
          continue;
        }
        JsonNode value = e.getValue();
        out.set(
            e.getKey(),
            DATA.contains(e.getKey())
                ? value
                : MAPS.contains(e.getKey()) ? eachWithMarkdown(value) : withMarkdown(value));
        if (e.getKey().equals("description") && e.getValue().isTextual()) {
          out.set(
              "markdownDescription", hasMarkdown ? node.get("markdownDescription") : e.getValue());
        }
      }
      if (hasMarkdown && !out.has("markdownDescription")) {
        out.set("markdownDescription", node.get("markdownDescription"));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.mapper().createArrayNode();
      node.forEach(v -> out.add(withMarkdown(v)));
      return out;
    }
    return node;
  }

  /** A map of names to schemas (properties, definitions) with markdown in every schema. */
  private static JsonNode eachWithMarkdown(JsonNode map) {
    if (!map.isObject()) {
      return withMarkdown(map);
    }
    ObjectNode out = Json.mapper().createObjectNode();
    map.properties().forEach(e -> out.set(e.getKey(), withMarkdown(e.getValue())));
    return out;
  }

  private static void describeEnum(ObjectNode root, String pointer, JsonNode descriptions) {
    JsonNode target = root.at(pointer);
    if (!target.isObject() || !target.path("enum").isArray()) {
      throw new IllegalStateException("editor-hints.yaml: no enum at " + pointer);
    }
    ArrayNode plain = Json.mapper().createArrayNode();
    for (JsonNode value : target.get("enum")) {
      JsonNode text = descriptions.get(value.asText());
      if (text == null) {
        throw new IllegalStateException(
            "editor-hints.yaml: no description of " + value + " at " + pointer);
      }
      plain.add(text.asText());
    }
    ArrayNode markdown = plain.deepCopy();
    ((ObjectNode) target).set("enumDescriptions", plain);
    ((ObjectNode) target).set("markdownEnumDescriptions", markdown);
  }

  private static String yaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode hints() {
    try (InputStream in = EditorSchema.class.getResourceAsStream("editor-hints.yaml")) {
      if (in == null) {
        throw new IllegalStateException("editor-hints.yaml not found beside EditorSchema");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
