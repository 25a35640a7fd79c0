package dev.runbooks.language.expr;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;

/**
 * CEL functions that make data safe to splice into a PromQL query: {@code promql.escape(s)} escapes
 * a label value for a double-quoted matcher ({@code job="${{ promql.escape(alert.labels.job) }}"}:
 * backslash, double quote and line breaks), and {@code promql.escapeRegex(s)} also escapes the RE2
 * metacharacters, for a value inside a {@code =~} matcher that must match itself only. Both are
 * pure.
 */
public final class PromqlFunctions implements CelCompilerLibrary, CelRuntimeLibrary {
  /** The library, registered once in {@link Expressions}. */
  public static final PromqlFunctions LIBRARY = new PromqlFunctions();

  private static final String REGEX_META = "\\.+*?()|[]{}^$";

  private PromqlFunctions() {}

  @Override
  public void setCheckerOptions(CelCheckerBuilder checker) {
    checker.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            "promql.escape",
            CelOverloadDecl.newGlobalOverload(
                "promql_escape_string", SimpleType.STRING, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "promql.escapeRegex",
            CelOverloadDecl.newGlobalOverload(
                "promql_escape_regex_string", SimpleType.STRING, SimpleType.STRING)));
  }

  @Override
  public void setRuntimeOptions(CelRuntimeBuilder runtime) {
    runtime.addFunctionBindings(
        CelFunctionBinding.from("promql_escape_string", String.class, PromqlFunctions::escape),
        CelFunctionBinding.from(
            "promql_escape_regex_string", String.class, PromqlFunctions::escapeRegex));
  }

  /**
   * A label value escaped for a double-quoted PromQL string.
   *
   * @param value the raw value
   * @return the value with {@code \}, {@code "} and line breaks escaped
   */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A value that matches only itself inside a {@code =~} matcher, escaped for a double-quoted
   * PromQL string.
   *
   * @param value the raw value
   * @return the value with RE2 metacharacters escaped, then escaped as {@link #escape(String)}
   */
  public static String escapeRegex(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (REGEX_META.indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return escape(quoted.toString());
  }
}
