package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code command} step: runs a program with an argument list, never through a shell. Its result
 * is {@code {exitCode, stdout, stderr, json, durationMs}}.
 */
public final class CommandKind implements ActionKind {
  private static final Set<String> SHELLS =
      Set.of(
          "sh",
          "bash",
          "zsh",
          "dash",
          "ksh",
          "fish",
          "ash",
          "csh",
          "tcsh",
          "cmd",
          "powershell",
          "pwsh");

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

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    if (config.get("argv") instanceof List<?> argv) {
      String at = path + ".argv";
      if (argv.isEmpty()) {
        problems.add(new Problem(locate.apply(at), at, "argv must name at least the program"));
      } else if (argv.get(0) instanceof String program) {
        String base = program.substring(program.lastIndexOf('/') + 1);
        if (base.endsWith(".exe")) {
          base = base.substring(0, base.length() - 4);
        }
        boolean shellFlag =
            argv.stream()
                .skip(1)
                .anyMatch(
                    a ->
                        a instanceof String s
                            && (s.equals("-c")
                                || s.equals("/c")
                                || s.equalsIgnoreCase("-Command")));
        if (SHELLS.contains(base) && shellFlag) {
          problems.add(
              new Problem(
                  locate.apply(at),
                  at,
                  "argv runs a shell ('"
                      + program
                      + " -c'); give the program and its arguments as a list instead, such as"
                      + " [curl, -s, http://host/health], so values cannot be injected"));
        } else if (argv.size() == 1 && program.strip().contains(" ") && !program.contains("${{")) {
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
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    return problems;
  }
}
