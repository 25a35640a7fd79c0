package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code command} step: runs a program with an argument list, never through a shell. Its result
 * is {@code {exitCode, stdout, stderr, json, durationMs}}.
 *
 * <p>Two rules keep values (inputs, alert labels, step results) from choosing what runs:
 *
 * <ul>
 *   <li>At compile time, {@link ArgvCheck} refuses every argv that runs code from an argument or
 *       stdin through an interpreter ({@code sh -c}, {@code bash -lc}, {@code env -i sh -ec},
 *       {@code sudo -u x python3.12 -c}, {@code perl -e}, a shell reading {@code stdin}, ...), and
 *       every program, wrapped program or wrapper option slot that comes from a template.
 *   <li>At run time, an argument whose text <em>begins</em> with a template is refused by the
 *       executor when its rendered value starts with {@code -}, since the program would read it as
 *       an option ({@code --output=/etc/passwd}), unless it follows a literal {@code --} or the
 *       step sets {@code allowOptionArgs: true}. Only the written config shows which arguments
 *       begin with a template, and the executor only sees the rendered one, so {@link #plan(Map)}
 *       records their indices in the plan as {@value #TEMPLATED_ARGS}; the interpreter renders the
 *       config (a list of numbers stays as it is) and hands it to the executor. The schema forbids
 *       the field in YAML, so a runbook cannot claim an argument is literal. An argument that
 *       begins with literal text ({@code --reason=${{ x }}}, {@code id:${{ x }}}) has its role set
 *       by the runbook and is not checked.
 * </ul>
 */
public final class CommandKind implements ActionKind {
  /**
   * The config field, added by {@link #plan(Map)}, listing the argv indices that begin with a
   * template.
   */
  public static final String TEMPLATED_ARGS = "templatedArgs";

  /** Its executor loops or waits for longer than a few seconds and heartbeats meanwhile. */
  @Override
  public boolean heartbeats() {
    return true;
  }

  @Override
  public String name() {
    return "command";
  }

  @Override
  public String description() {
    return "Runs a program with an argument list (argv), never through a shell.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/command.schema.json";
  }

  /**
   * A command changes things unless the step says {@code readOnly: true} (or, as before, {@code
   * mutating: false}): a read-only command may be a guard and runs for real in a dry run.
   */
  @Override
  public boolean mutating(Map<String, Object> config) {
    return !Boolean.TRUE.equals(config.get("readOnly"))
        && !Boolean.FALSE.equals(config.get("mutating"));
  }

  @Override
  public Map<String, Object> plan(Map<String, Object> config) {
    if (!(config.get("argv") instanceof List<?> argv)) {
      return config;
    }
    List<Long> templated = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      if (!(argv.get(i) instanceof String s) || s.startsWith(ArgvCheck.TEMPLATE)) {
        templated.add((long) i);
      }
    }
    Map<String, Object> planned = new LinkedHashMap<>(config);
    planned.put(TEMPLATED_ARGS, List.copyOf(templated));
    return planned;
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    if (config.get("argv") instanceof List<?> argv) {
      String at = path + ".argv";
      if (argv.isEmpty()) {
        problems.add(new Problem(locate.apply(at), at, "argv must name at least the program"));
      } else {
        for (ArgvCheck.Finding finding : ArgvCheck.check(argv, config.get("stdin"))) {
          String where = finding.index() < 0 ? path + ".stdin" : at + "[" + finding.index() + "]";
          problems.add(new Problem(locate.apply(where), where, finding.message()));
        }
        if (problems.isEmpty()
            && argv.size() == 1
            && argv.get(0) instanceof String program
            && program.strip().contains(" ")) {
          String first = at + "[0]";
          problems.add(
              new Problem(
                  locate.apply(first),
                  first,
                  "argv[0] '"
                      + program
                      + "' holds spaces; give each argument as its own list element"));
        }
      }
    }
    if (Boolean.TRUE.equals(config.get("readOnly"))
        && Boolean.TRUE.equals(config.get("mutating"))) {
      String at = path + ".readOnly";
      problems.add(
          new Problem(
              locate.apply(at),
              at,
              "readOnly: true contradicts mutating: true; keep one of them (readOnly: true alone"
                  + " marks a command that changes nothing)"));
    }
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    return problems;
  }

  /** The command line: {@code argv} joined by spaces. */
  @Override
  public java.util.Optional<String> target(Map<String, Object> renderedConfig) {
    if (!(renderedConfig.get("argv") instanceof List<?> argv) || argv.isEmpty()) {
      return java.util.Optional.empty();
    }
    StringBuilder line = new StringBuilder();
    for (Object arg : argv) {
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(arg);
    }
    return TargetFields.text(line.toString());
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.COMMAND;
  }
}
