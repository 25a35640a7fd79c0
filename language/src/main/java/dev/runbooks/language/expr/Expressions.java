package dev.runbooks.language.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CEL environment every runbook expression is compiled and evaluated in. Variables: {@code
 * inputs}, {@code alert}, {@code steps}, {@code run} (maps), {@code result}, {@code item}, {@code
 * error} (any value) and {@code index} (int). Besides the standard functions, the CEL strings
 * ({@code join}, {@code split}, {@code lowerAscii}, {@code replace}, ...), math ({@code
 * math.greatest}, {@code math.least}, ...) and lists ({@code flatten}, {@code slice}, ...)
 * extensions are available. Evaluation is pure: no clock, no I/O, no randomness, so the interpreter
 * may call it from workflow code. Compiled programs are cached by source text.
 */
public final class Expressions {
  /** Variables an expression can name, in the order they are documented. */
  public static final List<String> VARIABLES =
      List.of("inputs", "alert", "steps", "run", "result", "item", "index", "error");

  private static final Expressions STANDARD = new Expressions();
  private static final Pattern STEP_REF =
      Pattern.compile("\\bsteps\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern STEP_INDEX_REF =
      Pattern.compile("\\bsteps\\s*\\[\\s*['\"]([^'\"]+)['\"]\\s*\\]");

  /** A lone {@code =}, which authors write for {@code ==}. */
  private static final Pattern ASSIGN = Pattern.compile("(?<![=!<>]\\s{0,16})=(?!\\s*[=~])");

  /** The CEL errors reported for one expression; the rest are counted. */
  private static final int MAX_ISSUES = 5;

  /** The length up to which messages quote an expression whole. */
  private static final int MAX_QUOTED = 200;

  private final Cel cel;
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();
  private final Map<String, Optional<CelExpr>> trees = new ConcurrentHashMap<>();
  private final Map<String, CelValidationResult> checkedResults = new ConcurrentHashMap<>();

  /** Words a plain field path cannot hold: CEL keywords and literals. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "as",
          "break",
          "const",
          "continue",
          "else",
          "false",
          "for",
          "function",
          "if",
          "import",
          "in",
          "let",
          "loop",
          "namespace",
          "null",
          "package",
          "return",
          "true",
          "var",
          "void",
          "while");

  /** Whether a word is a CEL keyword or literal, which a plain field path cannot hold. */
  public static boolean isKeyword(String word) {
    return KEYWORDS.contains(word);
  }

  /** The most parsed trees {@link #tree} keeps. */
  private static final int MAX_TREES = 20_000;

  private Expressions() {
    var dynMap = MapType.create(SimpleType.STRING, SimpleType.DYN);
    CelOptions options = CelOptions.current().build();
    this.cel =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("inputs", dynMap)
            .addVar("alert", dynMap)
            .addVar("steps", dynMap)
            .addVar("run", dynMap)
            .addVar("result", SimpleType.DYN)
            .addVar("item", SimpleType.DYN)
            .addVar("index", SimpleType.INT)
            .addVar("error", SimpleType.DYN)
            .addCompilerLibraries(
                CelExtensions.strings(), CelExtensions.math(), CelExtensions.lists())
            .addRuntimeLibraries(
                CelExtensions.strings(), CelExtensions.math(), CelExtensions.lists())
            .addCompilerLibraries(PromqlFunctions.LIBRARY)
            .addRuntimeLibraries(PromqlFunctions.LIBRARY)
            .build();
  }

  /** The shared environment. */
  public static Expressions standard() {
    return STANDARD;
  }

  /** What an expression is expected to yield, for checking. */
  public enum Expect {
    /** A condition: bool (or a dynamic value). */
    BOOL,
    /** A list (or a dynamic value). */
    LIST,
    /** Anything. */
    ANY
  }

  /**
   * Checks an expression and returns every problem as a plain message, or an empty list. Syntax
   * errors, type errors and a result type that cannot be what is expected are reported.
   */
  public List<String> check(String source, Expect expect) {
    List<String> problems = new ArrayList<>();
    if (source == null || source.isBlank()) {
      problems.add("expression is empty");
      return problems;
    }
    CelValidationResult result = checked(source);
    String quoted = quote(source);
    if (result.hasError()) {
      Matcher assign = ASSIGN.matcher(CelText.blankStringLiterals(source));
      if (assign.find()) {
        problems.add(
            "CEL error in "
                + quoted
                + ": '=' (at expression column "
                + (assign.start() + 1)
                + ") is not an operator; did you mean '=='?");
        return problems;
      }
      List<CelIssue> errors = result.getErrors();
      for (CelIssue issue : errors.subList(0, Math.min(errors.size(), MAX_ISSUES))) {
        problems.add("CEL error in " + quoted + ": " + describe(issue));
      }
      if (errors.size() > MAX_ISSUES) {
        problems.add(
            "CEL error in " + quoted + ": " + (errors.size() - MAX_ISSUES) + " more errors");
      }
      return problems;
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      CelKind kind = ast.getResultType().kind();
      if (kind != CelKind.DYN && kind != CelKind.ERROR) {
        if (expect == Expect.BOOL && kind != CelKind.BOOL) {
          problems.add(
              "CEL expression "
                  + quoted
                  + " yields "
                  + ast.getResultType().name()
                  + ", but a condition must yield bool");
        } else if (expect == Expect.LIST && kind != CelKind.LIST) {
          problems.add(
              "CEL expression "
                  + quoted
                  + " yields "
                  + ast.getResultType().name()
                  + ", but a list is needed");
        }
      }
    } catch (CelValidationException e) {
      problems.add("CEL error in " + quoted + ": " + e.getMessage());
    }
    return problems;
  }

  /**
   * The tree of an expression (macros expanded; its types are those of the untyped environment), or
   * empty when it does not compile. Trees are cached by source text.
   */
  public Optional<CelExpr> tree(String source) {
    Optional<CelExpr> tree = trees.get(source);
    if (tree == null && CelText.simplePathRoot(source) != null) {
      tree = path(source);
    }
    if (tree == null) {
      CelValidationResult parsed = checked(source);
      tree = Optional.empty();
      if (!parsed.hasError()) {
        try {
          tree = Optional.of(parsed.getAst().getExpr());
        } catch (CelValidationException e) {
          tree = Optional.empty();
        }
      }
      if (trees.size() > MAX_TREES) {
        trees.clear();
      }
      trees.put(source, tree);
    }
    return tree;
  }

  /**
   * An expression compiled (parsed and checked) in the untyped environment, cached by source text:
   * {@link #check} and {@link #tree} both need it for every expression the compiler checks.
   */
  private CelValidationResult checked(String source) {
    CelValidationResult result = checkedResults.get(source);
    if (result == null) {
      result = cel.compile(source);
      if (checkedResults.size() > MAX_TREES) {
        checkedResults.clear();
      }
      checkedResults.put(source, result);
    }
    return result;
  }

  /**
   * The tree of a plain field path such as {@code steps.probe.outputs.ok}, built without the parser
   * (the most common expression, and the parser's start-up is slow), or null when a name in it is a
   * CEL keyword.
   */
  private static Optional<CelExpr> path(String source) {
    String[] names = source.split("\\.");
    CelExpr expr = null;
    long id = 1;
    for (String part : names) {
      String name = part.strip();
      if (KEYWORDS.contains(name)) {
        return null;
      }
      expr = expr == null ? CelExpr.ofIdent(id++, name) : CelExpr.ofSelect(id++, expr, name, false);
    }
    return Optional.ofNullable(expr);
  }

  /**
   * An expression in quotes for a message: whole when short, else its start and its length, so that
   * a long expression with many errors does not make every message as long as itself.
   */
  static String quote(String source) {
    if (source.length() <= MAX_QUOTED) {
      return "'" + source + "'";
    }
    return "'" + source.substring(0, MAX_QUOTED) + "...' (" + source.length() + " characters)";
  }

  private static String describe(CelIssue issue) {
    var loc = issue.getSourceLocation();
    String msg = issue.getMessage();
    if (loc != null && loc.getColumn() >= 0) {
      return msg + " (at expression column " + (loc.getColumn() + 1) + ")";
    }
    return msg;
  }

  /**
   * Evaluates an expression over the given variables (missing ones are bound to empty values) and
   * returns a plain value: String, Long, Double, Boolean, List, Map or null.
   *
   * @throws ExpressionException when the expression does not compile or fails to evaluate
   */
  public Object evaluate(String source, Map<String, ?> variables) {
    CelRuntime.Program program = programs.computeIfAbsent(source, this::compileProgram);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("inputs", Map.of());
    vars.put("alert", Map.of());
    vars.put("steps", Map.of());
    vars.put("run", Map.of());
    vars.put("index", 0L);
    for (var e : variables.entrySet()) {
      vars.put(e.getKey(), CelValues.toCel(e.getValue()));
    }
    vars.putIfAbsent("result", CelValues.toCel(null));
    vars.putIfAbsent("item", CelValues.toCel(null));
    vars.putIfAbsent("error", CelValues.toCel(null));
    try {
      return CelValues.fromCel(program.eval(vars));
    } catch (CelEvaluationException e) {
      throw new ExpressionException("expression '" + source + "' failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ExpressionException("expression '" + source + "' failed: " + e, e);
    }
  }

  /**
   * Evaluates a condition.
   *
   * @throws ExpressionException when the expression fails or does not yield a bool
   */
  public boolean test(String source, Map<String, ?> variables) {
    Object value = evaluate(source, variables);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException(
        "condition '" + source + "' yielded " + CelValues.describe(value) + ", not a bool");
  }

  private CelRuntime.Program compileProgram(String source) {
    CelValidationResult result = cel.compile(source);
    if (result.hasError()) {
      throw new ExpressionException(
          "expression '" + source + "' does not compile: " + result.getErrorString());
    }
    try {
      return cel.createProgram(result.getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new ExpressionException("expression '" + source + "' does not compile: " + e, e);
    }
  }

  /**
   * The step ids an expression refers to through {@code steps.<id>} or {@code steps['<id>']}, in
   * order of first appearance. String literals are ignored.
   */
  public static Set<String> stepReferences(String source) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    if (source == null) {
      return ids;
    }
    Matcher indexed = STEP_INDEX_REF.matcher(source);
    while (indexed.find()) {
      ids.add(indexed.group(1));
    }
    String code = CelText.blankStringLiterals(source);
    Matcher m = STEP_REF.matcher(code);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
