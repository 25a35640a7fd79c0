package dev.runbooks.language.compile;

import dev.cel.common.ast.CelExpr;
import dev.runbooks.language.types.ValueType;
import java.util.Set;

/** How the type checker's messages name types, expressions and unknown fields. */
final class TypeWords {
  private TypeWords() {}

  /** The message for a field an object type does not have, with the closest known one. */
  static String unknownField(String path, String name, Set<String> known) {
    String hint = Suggestions.closest(name, known);
    String didYouMean = hint == null ? "" : "; did you mean '" + hint + "'?";
    if (path.matches("steps\\.[A-Za-z_][A-Za-z0-9_]*\\.outputs")) {
      String id = path.substring("steps.".length(), path.length() - ".outputs".length());
      return "step '"
          + id
          + "' declares no output '"
          + name
          + "'"
          + (known.isEmpty() ? " (it declares no outputs)" : didYouMean);
    }
    return "'"
        + path
        + "' has no field '"
        + name
        + "'"
        + didYouMean
        + " (its fields: "
        + String.join(", ", known)
        + ")";
  }

  /** A value of this type in words, for messages: "a string", "a list". */
  static String describe(ValueType type) {
    if (type instanceof ValueType.Scalar s) {
      return switch (s.kind()) {
        case STRING -> "a string";
        case INT -> "an int";
        case DOUBLE -> "a double";
        case BOOL -> "a bool";
      };
    }
    if (type instanceof ValueType.ListOf) {
      return "a list";
    }
    if (type instanceof ValueType.MapOf) {
      return "a map";
    }
    return type instanceof ValueType.ObjectOf ? "an object" : "any value";
  }

  /** The source of a name, a field path or a literal; other expressions are summarised. */
  static String text(CelExpr e) {
    return switch (e.getKind()) {
      case IDENT -> e.ident().name();
      case SELECT -> text(e.select().operand()) + "." + e.select().field();
      case CONSTANT ->
          switch (e.constant().getKind()) {
            case STRING_VALUE -> "\"" + e.constant().stringValue() + "\"";
            case INT64_VALUE -> Long.toString(e.constant().int64Value());
            case DOUBLE_VALUE -> Double.toString(e.constant().doubleValue());
            case BOOLEAN_VALUE -> Boolean.toString(e.constant().booleanValue());
            default -> "null";
          };
      case CALL ->
          e.call().function().equals("_[_]") && e.call().args().size() == 2
              ? text(e.call().args().get(0)) + "[" + text(e.call().args().get(1)) + "]"
              : e.call().function().replace("_", "") + "(...)";
      default -> "(...)";
    };
  }
}
