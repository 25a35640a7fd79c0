package dev.runbooks.language.compile;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.runbooks.language.types.ResultTypes;
import dev.runbooks.language.types.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers the type of a CEL expression from the types of what it names (inputs, steps' results and
 * outputs, the foreach item, the handler's error, the alert, the run) and reports what cannot be
 * right: an unknown field of a typed object, a variable used where it is not bound, a comparison of
 * values of incompatible types. What is not known is {@link ValueType#ANY} and accepted.
 */
final class TypeCheck {
  private static final Set<String> COMPARISONS =
      Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_");
  private static final Set<String> BOOL_FUNCTIONS =
      Set.of(
          "_&&_",
          "_||_",
          "!_",
          "@in",
          "contains",
          "startsWith",
          "endsWith",
          "matches",
          "bool",
          "@not_strictly_false");
  private static final Set<String> STRING_FUNCTIONS =
      Set.of(
          "string",
          "lowerAscii",
          "upperAscii",
          "trim",
          "replace",
          "substring",
          "join",
          "format",
          "charAt",
          "reverse",
          "quote");
  private static final Set<String> INT_FUNCTIONS = Set.of("size", "int", "indexOf", "lastIndexOf");

  /** A marker type for the {@code steps} variable, whose fields are step ids. */
  private static final ValueType STEPS = new ValueType.MapOf(ValueType.ANY);

  /**
   * What an expression can name where it is written.
   *
   * @param inputs the type of {@code inputs}
   * @param steps the view of each step typed so far, by id
   * @param item the type of {@code item}, or null outside a foreach body
   * @param error whether {@code error} is bound (in an onFailure handler)
   * @param result the type of {@code result}, or null where it is not bound
   */
  record Env(
      ValueType inputs,
      Map<String, ValueType> steps,
      ValueType item,
      boolean error,
      ValueType result) {}

  private final Env env;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, ValueType> locals = new HashMap<>();

  private TypeCheck(Env env) {
    this.env = env;
  }

  /** The type of an expression and the problems found, in the order met. */
  record Typed(ValueType type, List<String> problems) {}

  static Typed check(CelExpr expr, Env env) {
    TypeCheck check = new TypeCheck(env);
    ValueType type = check.infer(expr);
    return new Typed(type, List.copyOf(check.problems));
  }

  private ValueType infer(CelExpr e) {
    return switch (e.getKind()) {
      case CONSTANT -> constant(e.constant());
      case IDENT -> ident(e.ident().name());
      case SELECT -> select(e);
      case CALL -> call(e);
      case LIST -> list(e);
      case MAP -> {
        e.map()
            .entries()
            .forEach(
                en -> {
                  infer(en.key());
                  infer(en.value());
                });
        yield new ValueType.MapOf(ValueType.ANY);
      }
      case COMPREHENSION -> comprehension(e);
      default -> ValueType.ANY;
    };
  }

  private static ValueType constant(CelConstant c) {
    return switch (c.getKind()) {
      case STRING_VALUE -> ValueType.STRING;
      case INT64_VALUE -> ValueType.INT;
      case DOUBLE_VALUE -> ValueType.DOUBLE;
      case BOOLEAN_VALUE -> ValueType.BOOL;
      default -> ValueType.ANY;
    };
  }

  private ValueType ident(String name) {
    if (locals.containsKey(name)) {
      return locals.get(name);
    }
    switch (name) {
      case "inputs":
        return env.inputs();
      case "steps":
        return STEPS;
      case "alert":
        return ResultTypes.ALERT;
      case "run":
        return ResultTypes.RUN;
      case "item":
        if (env.item() == null) {
          problems.add("'item' is only defined in the steps of a foreach");
          return ValueType.ANY;
        }
        return env.item();
      case "index":
        if (env.item() == null) {
          problems.add("'index' is only defined in the steps of a foreach");
        }
        return ValueType.INT;
      case "error":
        if (!env.error()) {
          problems.add(
              "'error' is only defined in the steps of an onFailure handler (and the"
                  + " compensations registered there)");
          return ValueType.ANY;
        }
        return ResultTypes.ERROR;
      case "result":
        if (env.result() == null) {
          problems.add(
              "'result' is only defined in a step's outputs, in the condition and failWhen of a"
                  + " waitUntil and in an action's expect; elsewhere use steps.<id>.result");
          return ValueType.ANY;
        }
        return env.result();
      default:
        return ValueType.ANY;
    }
  }

  private ValueType select(CelExpr e) {
    var s = e.select();
    ValueType operand = infer(s.operand());
    ValueType type = field(operand, s.operand(), s.field());
    return s.testOnly() ? ValueType.BOOL : type;
  }

  /** The type of {@code operand.name}, reporting a field an object cannot have. */
  private ValueType field(ValueType operand, CelExpr operandExpr, String name) {
    if (operand == STEPS) {
      return env.steps().getOrDefault(name, ValueType.ANY);
    }
    if (operand instanceof ValueType.ObjectOf o) {
      ValueType.Field f = o.fields().get(name);
      if (f != null) {
        return f.type();
      }
      if (!o.open()) {
        problems.add(
            TypeWords.unknownField(TypeWords.text(operandExpr), name, o.fields().keySet()));
      }
      return ValueType.ANY;
    }
    if (operand instanceof ValueType.MapOf m) {
      return m.value();
    }
    if (operand instanceof ValueType.Scalar || operand instanceof ValueType.ListOf) {
      problems.add(
          "'"
              + TypeWords.text(operandExpr)
              + "' is "
              + TypeWords.describe(operand)
              + ", which has no field '"
              + name
              + "'");
    }
    return ValueType.ANY;
  }

  private ValueType call(CelExpr e) {
    var c = e.call();
    String fn = c.function();
    List<ValueType> args = new ArrayList<>();
    ValueType target = c.target().map(this::infer).orElse(null);
    for (CelExpr a : c.args()) {
      args.add(infer(a));
    }
    if (COMPARISONS.contains(fn) && args.size() == 2) {
      compare(fn, c.args().get(0), args.get(0), c.args().get(1), args.get(1));
      return ValueType.BOOL;
    }
    if (fn.equals("_[_]") && args.size() == 2) {
      return index(args.get(0), c.args().get(0), args.get(1), c.args().get(1));
    }
    if (fn.equals("_?_:_") && args.size() == 3) {
      return args.get(1).equals(args.get(2)) ? args.get(1) : ValueType.ANY;
    }
    if (fn.equals("_+_") && args.size() == 2) {
      return plus(args.get(0), args.get(1));
    }
    if (BOOL_FUNCTIONS.contains(fn)) {
      return ValueType.BOOL;
    }
    if (STRING_FUNCTIONS.contains(fn)) {
      return ValueType.STRING;
    }
    if (INT_FUNCTIONS.contains(fn)) {
      return ValueType.INT;
    }
    if (fn.equals("double")) {
      return ValueType.DOUBLE;
    }
    if (fn.equals("split")) {
      return ValueType.listOf(ValueType.STRING);
    }
    if (target != null && (fn.equals("slice") || fn.equals("distinct") || fn.equals("sort"))) {
      return target;
    }
    return ValueType.ANY;
  }

  private ValueType index(ValueType operand, CelExpr operandExpr, ValueType key, CelExpr keyExpr) {
    if (operand instanceof ValueType.ListOf l) {
      return l.element();
    }
    if (keyExpr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && keyExpr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
      return field(operand, operandExpr, keyExpr.constant().stringValue());
    }
    return operand instanceof ValueType.MapOf m && operand != STEPS ? m.value() : ValueType.ANY;
  }

  private static ValueType plus(ValueType a, ValueType b) {
    if (a.equals(b) && a instanceof ValueType.Scalar s && s.kind() != ValueType.ScalarKind.BOOL) {
      return a;
    }
    if (a instanceof ValueType.ListOf || b instanceof ValueType.ListOf) {
      return a instanceof ValueType.ListOf && a.equals(b) ? a : ValueType.listOf(ValueType.ANY);
    }
    return ValueType.ANY;
  }

  private void compare(String fn, CelExpr left, ValueType a, CelExpr right, ValueType b) {
    if (!(a instanceof ValueType.Scalar x) || !(b instanceof ValueType.Scalar y)) {
      return;
    }
    if (x.kind() == y.kind() || (numeric(x) && numeric(y))) {
      return;
    }
    String op = fn.substring(1, fn.length() - 1);
    String convert =
        x.kind() == ValueType.ScalarKind.STRING || y.kind() == ValueType.ScalarKind.STRING
            ? "; convert one side, such as int(...) or string(...)"
            : "";
    problems.add(
        "'"
            + op
            + "' compares '"
            + TypeWords.text(left)
            + "', "
            + TypeWords.describe(a)
            + ", with '"
            + TypeWords.text(right)
            + "', "
            + TypeWords.describe(b)
            + ": values of these types are never equal or ordered"
            + convert);
  }

  private static boolean numeric(ValueType.Scalar s) {
    return s.kind() == ValueType.ScalarKind.INT || s.kind() == ValueType.ScalarKind.DOUBLE;
  }

  private ValueType list(CelExpr e) {
    ValueType element = null;
    for (CelExpr el : e.list().elements()) {
      ValueType t = infer(el);
      element = element == null || element.equals(t) ? t : ValueType.ANY;
    }
    return ValueType.listOf(element == null ? ValueType.ANY : element);
  }

  private ValueType comprehension(CelExpr e) {
    var c = e.comprehension();
    ValueType range = infer(c.iterRange());
    ValueType element =
        range instanceof ValueType.ListOf l
            ? l.element()
            : range instanceof ValueType.MapOf ? ValueType.STRING : ValueType.ANY;
    Map<String, ValueType> saved = new HashMap<>(locals);
    infer(c.accuInit());
    locals.put(c.iterVar(), element);
    if (!c.iterVar2().isEmpty()) {
      locals.put(c.iterVar2(), ValueType.ANY);
    }
    locals.put(c.accuVar(), ValueType.ANY);
    infer(c.loopCondition());
    ValueType step = infer(c.loopStep());
    ValueType result = infer(c.result());
    locals.clear();
    locals.putAll(saved);
    boolean resultIsAccu =
        c.result().getKind() == CelExpr.ExprKind.Kind.IDENT
            && c.result().ident().name().equals(c.accuVar());
    return resultIsAccu ? step : result;
  }
}
