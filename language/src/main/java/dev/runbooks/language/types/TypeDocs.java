package dev.runbooks.language.types;

import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result types of every step kind as the language reference shows them: a Markdown table per
 * kind, which a test compares with the reference so that the two cannot drift apart.
 */
public final class TypeDocs {
  private TypeDocs() {}

  /**
   * The result type of every step kind that has one, by the kind's YAML name: each action kind (as
   * its config does not say otherwise), then the control steps.
   */
  public static Map<String, ValueType> resultTypes() {
    Map<String, ValueType> types = new LinkedHashMap<>();
    for (ActionKind kind : ActionKinds.all()) {
      types.put(kind.name(), kind.resultType(Map.of()));
    }
    types.put("approval", ResultTypes.APPROVAL);
    types.put("call", ResultTypes.CALL);
    types.put("foreach", ResultTypes.foreach(ValueType.ANY));
    types.put("parallel", ResultTypes.PARALLEL);
    types.put("waitUntil", ResultTypes.waitUntil(ValueType.ANY));
    return types;
  }

  /** The Markdown table of an object type's fields: one row per field, in order. */
  public static List<String> table(ValueType type) {
    List<String> rows = new ArrayList<>();
    rows.add("| Field | Type | Description |");
    rows.add("|---|---|---|");
    if (type instanceof ValueType.ObjectOf o) {
      o.fields()
          .forEach(
              (name, field) ->
                  rows.add(
                      "| `"
                          + name
                          + "` | "
                          + name(field.type())
                          + (field.optional() ? " (optional)" : "")
                          + " | "
                          + field.description().replace("|", "\\|")
                          + " |"));
      if (o.open()) {
        rows.add("| other fields | any | Depending on the action; not checked. |");
      }
    }
    return rows;
  }

  /** A type in words: {@code string}, {@code list of string}, {@code object}. */
  public static String name(ValueType type) {
    if (type instanceof ValueType.Scalar s) {
      return s.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
    if (type instanceof ValueType.ListOf l) {
      return "list of " + name(l.element());
    }
    if (type instanceof ValueType.MapOf m) {
      return "map of " + name(m.value());
    }
    if (type instanceof ValueType.ObjectOf o) {
      return "object {" + String.join(", ", o.fields().keySet()) + (o.open() ? ", ..." : "") + "}";
    }
    return "any";
  }
}
