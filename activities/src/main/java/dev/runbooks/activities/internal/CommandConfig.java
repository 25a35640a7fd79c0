package dev.runbooks.activities.internal;

import dev.runbooks.language.steps.CommandKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config of a {@code command} step.
 *
 * @param argv the program and its arguments, passed to the operating system as they are
 * @param env variables added to the worker's environment
 * @param workingDir the directory to run in, or null for the worker's
 * @param expectExitCodes the exit codes that count as success
 * @param timeout how long the command may run before it and its children are killed
 * @param stdin text written to the command's standard input, or null for none
 * @see #checkOptionArgs(ConfigReader, List)
 */
record CommandConfig(
    List<String> argv,
    Map<String, String> env,
    Path workingDir,
    List<Long> expectExitCodes,
    Duration timeout,
    String stdin) {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  private static final Set<String> FIELDS =
      Set.of(
          "argv",
          "env",
          "workingDir",
          "expectExitCodes",
          "timeout",
          "stdin",
          "allowOptionArgs",
          "mutating",
          "readOnly",
          CommandKind.TEMPLATED_ARGS);

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static CommandConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of("command", config, FIELDS);
    if (in.raw("argv") == null) {
      throw in.invalid("argv", "is required");
    }
    List<String> argv = in.stringList("argv");
    if (argv.isEmpty()) {
      throw in.invalid("argv", "must not be empty");
    }
    if (argv.get(0).isBlank()) {
      throw in.invalid("argv[0]", "must name a program");
    }
    for (int i = 0; i < argv.size(); i++) {
      if (argv.get(i).indexOf('\0') >= 0) {
        throw in.invalid("argv[" + i + "]", "must not contain a NUL character");
      }
    }
    checkOptionArgs(in, argv);
    Map<String, String> env = in.stringMap("env");
    for (var e : env.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0 || e.getKey().indexOf('\0') >= 0) {
        throw in.invalid("env", "has an invalid variable name");
      }
      if (e.getValue().indexOf('\0') >= 0) {
        throw in.invalid("env." + e.getKey(), "must not contain a NUL character");
      }
    }
    Path workingDir = in.string("workingDir").map(dir -> directory(in, dir)).orElse(null);
    List<Long> codes = in.integers("expectExitCodes");
    if (in.raw("expectExitCodes") != null && codes.isEmpty()) {
      throw in.invalid("expectExitCodes", "must not be empty");
    }
    return new CommandConfig(
        argv,
        env,
        workingDir,
        codes.isEmpty() ? List.of(0L) : codes,
        in.duration("timeout").orElse(DEFAULT_TIMEOUT),
        in.string("stdin").orElse(null));
  }

  /**
   * Refuses an argument that begins with a template and was rendered to text starting with {@code
   * -}: the program would read a value as an option ({@code --output=/etc/cron.d/x}, {@code
   * -exec}). The compiled plan lists those arguments in {@link CommandKind#TEMPLATED_ARGS} (only
   * the written config shows them); a config without the list, such as the argv a restart step
   * builds, has none. An argument after a literal {@code --} is an operand for every program that
   * follows the convention, so it may start with {@code -}; so may every argument when the step
   * sets {@code allowOptionArgs: true}.
   */
  private static void checkOptionArgs(ConfigReader in, List<String> argv) {
    if (Boolean.TRUE.equals(in.raw("allowOptionArgs"))) {
      return;
    }
    if (in.raw("allowOptionArgs") != null && !(in.raw("allowOptionArgs") instanceof Boolean)) {
      throw in.invalid(
          "allowOptionArgs",
          "must be true or false, not " + ConfigReader.kind(in.raw("allowOptionArgs")));
    }
    Set<Long> templated = new HashSet<>(in.integers(CommandKind.TEMPLATED_ARGS));
    int endOfOptions = Integer.MAX_VALUE;
    for (int i = 1; i < argv.size(); i++) {
      boolean fromTemplate = templated.contains((long) i);
      if (!fromTemplate && argv.get(i).equals("--") && endOfOptions == Integer.MAX_VALUE) {
        endOfOptions = i;
      }
      if (fromTemplate && i < endOfOptions && argv.get(i).startsWith("-")) {
        throw in.invalid(
            "argv[" + i + "]",
            "comes from a template and starts with '-', so '"
                + programName(argv.get(0))
                + "' would read it as an option; put a literal '--' before it (when the program"
                + " takes one), or set allowOptionArgs: true on the step when options from values"
                + " are intended");
      }
    }
  }

  private static Path directory(ConfigReader in, String dir) {
    try {
      Path path = Path.of(dir);
      if (!Files.isDirectory(path)) {
        throw in.invalid("workingDir", "is not an existing directory");
      }
      return path;
    } catch (InvalidPathException e) {
      throw in.invalid("workingDir", "is not a valid path");
    }
  }

  /** The program's file name, for messages that must not show arguments. */
  String programName() {
    return programName(argv.get(0));
  }

  private static String programName(String program) {
    int slash = program.lastIndexOf('/');
    return slash >= 0 ? program.substring(slash + 1) : program;
  }
}
