package dev.runbooks.language.steps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code command} step's argv as written and finds what would run code that a value could
 * change: an interpreter given code in an argument ({@code sh -c}, {@code python3 -c}, {@code perl
 * -e}, ...) or on stdin, a program or a wrapper's option that comes from a template, and the
 * wrappers that hand their command to a shell ({@code sudo -s}, {@code env -S}, {@code flock -c}).
 *
 * <p>The walk follows the program through wrappers that run their operands as a command ({@code
 * env} with its options and {@code NAME=value} pairs, {@code nice}, {@code timeout}, {@code nohup},
 * {@code xargs}, {@code sudo}, {@code busybox}, ...), parsing each one's options the way its own
 * option parser does (which options take a value, where options end), so {@code env -i PATH=/bin sh
 * -ec ...} and {@code nice -n 5 bash -lc ...} are seen for what they are. Program names are
 * compared without their directory, {@code .exe} suffix and version ({@code /usr/bin/python3.12} is
 * {@code python}). For a program it does not know, the remaining arguments are still searched for
 * an interpreter directly followed by its code option ({@code kubectl exec pod -- sh -c ...}).
 *
 * <p>A literal element is judged by its text. An element that holds a template ({@code ${{ }}}) can
 * become anything, so it is accepted only where its role does not depend on its value: an argument
 * of the final program, or the value of a wrapper's or interpreter's option that takes one. Whether
 * such an argument may start with {@code -} is decided at run time (see {@link CommandKind}).
 */
final class ArgvCheck {
  /** One finding: the argv index it concerns ({@code -1} for stdin) and the message. */
  record Finding(int index, String message) {}

  private enum Role {
    /** A shell: code from {@code -c}, else from its script file, else from stdin. */
    SHELL,
    /** A script interpreter: code from its code option, else its script file, else stdin. */
    INTERPRETER,
    /** A program whose first operand (or code option's value) is program text (awk, sed). */
    PROGRAM_TEXT,
    /** Runs its command through a shell, whatever the arguments (watch, parallel). */
    ALWAYS_SHELL,
    /** Runs its operands (after its own options and fixed operands) as a command. */
    WRAPPER
  }

  /**
   * How a program reads its arguments.
   *
   * @param role what it does with them
   * @param code short options whose presence means code from an argument (or, for PROGRAM_TEXT,
   *     whose value is program text)
   * @param values short options that take a value, attached or as the next element
   * @param attached short options whose optional value can only be attached (the rest of the
   *     element)
   * @param stdin short options that make it read code from stdin
   * @param shell short options that make a wrapper run its command through a shell
   * @param stop short options whose value ends option parsing and names what runs (python -m)
   * @param longCode long options meaning code from an argument (or program text)
   * @param longValues long options that take the next element as value when written without =
   * @param longShell long options that make a wrapper run its command through a shell
   * @param operands fixed operands of a wrapper before its command (timeout's duration)
   * @param assignments whether NAME=value elements may precede a wrapper's command
   * @param plus whether options may also start with + (shells)
   */
  private record Spec(
      Role role,
      String code,
      String values,
      String attached,
      String stdin,
      String shell,
      String stop,
      Set<String> longCode,
      Set<String> longValues,
      Set<String> longShell,
      int operands,
      boolean assignments,
      boolean plus) {
    static Spec of(Role role) {
      return new Spec(role, "", "", "", "", "", "", Set.of(), Set.of(), Set.of(), 0, false, false);
    }

    Spec code(String letters, String... longOptions) {
      return new Spec(
          role,
          letters,
          values,
          attached,
          stdin,
          shell,
          stop,
          Set.of(longOptions),
          longValues,
          longShell,
          operands,
          assignments,
          plus);
    }

    Spec values(String letters, String... longOptions) {
      return new Spec(
          role,
          code,
          letters,
          attached,
          stdin,
          shell,
          stop,
          longCode,
          Set.of(longOptions),
          longShell,
          operands,
          assignments,
          plus);
    }

    Spec attached(String letters) {
      return new Spec(
          role,
          code,
          values,
          letters,
          stdin,
          shell,
          stop,
          longCode,
          longValues,
          longShell,
          operands,
          assignments,
          plus);
    }

    Spec stdin(String letters) {
      return new Spec(
          role,
          code,
          values,
          attached,
          letters,
          shell,
          stop,
          longCode,
          longValues,
          longShell,
          operands,
          assignments,
          plus);
    }

    Spec shell(String letters, String... longOptions) {
      return new Spec(
          role,
          code,
          values,
          attached,
          stdin,
          letters,
          stop,
          longCode,
          longValues,
          Set.of(longOptions),
          operands,
          assignments,
          plus);
    }

    Spec stop(String letters) {
      return new Spec(
          role,
          code,
          values,
          attached,
          stdin,
          shell,
          letters,
          longCode,
          longValues,
          longShell,
          operands,
          assignments,
          plus);
    }

    Spec operands(int count) {
      return new Spec(
          role,
          code,
          values,
          attached,
          stdin,
          shell,
          stop,
          longCode,
          longValues,
          longShell,
          count,
          assignments,
          plus);
    }

    Spec allowingAssignments() {
      return new Spec(
          role,
          code,
          values,
          attached,
          stdin,
          shell,
          stop,
          longCode,
          longValues,
          longShell,
          operands,
          true,
          plus);
    }

    Spec allowingPlus() {
      return new Spec(
          role,
          code,
          values,
          attached,
          stdin,
          shell,
          stop,
          longCode,
          longValues,
          longShell,
          operands,
          assignments,
          true);
    }
  }

  private static final Map<String, Spec> PROGRAMS = new HashMap<>();
  private static final Set<String> OPERAND_NOT_SCRIPT = Set.of("su", "runuser", "script");
  private static final List<String> POWERSHELL_VALUES =
      List.of(
          "executionpolicy",
          "configurationname",
          "workingdirectory",
          "outputformat",
          "inputformat",
          "windowstyle",
          "version",
          "psconsolefile",
          "custompipename",
          "settingsfile");
  private static final Spec RUNUSER =
      Spec.of(Role.WRAPPER)
          .values("ugGw", "--user", "--group", "--supp-group", "--whitelist-environment")
          .shell("c", "--command", "--session-command");
  private static final Set<String> STDIN_FILES =
      Set.of("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Pattern VERSION = Pattern.compile("(.*?[a-z])[-_.]?[0-9][0-9.]*[a-z]?");
  static final String TEMPLATE = "${{";
  private static final String DIRECTLY =
      "; run the program directly with its arguments as list elements, such as"
          + " [curl, -s, http://host/health], or put the code in a script file and pass the"
          + " values as its arguments, so values cannot be injected";

  static {
    Spec shell =
        Spec.of(Role.SHELL)
            .code("c")
            .values("oO", "--rcfile", "--init-file")
            .stdin("si")
            .allowingPlus();
    for (String name :
        List.of(
            "sh", "bash", "dash", "zsh", "ksh", "mksh", "lksh", "oksh", "pdksh", "ash", "yash",
            "posh", "rbash", "hush", "csh", "tcsh", "rc", "es", "elvish", "nu", "xonsh")) {
      PROGRAMS.put(name, shell);
    }
    PROGRAMS.put(
        "fish",
        Spec.of(Role.SHELL).code("cC", "--command", "--init-command").values("dD", "--debug"));
    Spec python =
        Spec.of(Role.INTERPRETER).code("c").values("WXQ", "--check-hash-based-pycs").stop("m");
    for (String name : List.of("python", "pypy", "jython", "ipython", "graalpy")) {
      PROGRAMS.put(name, python);
    }
    PROGRAMS.put("perl", Spec.of(Role.INTERPRETER).code("eE").values("IMm").attached("0ldDCxFi"));
    PROGRAMS.put(
        "ruby",
        Spec.of(Role.INTERPRETER).code("e").values("IrCE", "--encoding").attached("0xTWKF"));
    Spec js =
        Spec.of(Role.INTERPRETER)
            .code("ep", "--eval", "--print")
            .values("rC", "--require", "--import", "--loader", "--conditions");
    for (String name : List.of("node", "nodejs", "bun", "qjs")) {
      PROGRAMS.put(name, js);
    }
    PROGRAMS.put("php", Spec.of(Role.INTERPRETER).code("rBRE").values("cdzfFtS").stdin("a"));
    Spec e = Spec.of(Role.INTERPRETER).code("e", "--eval").values("lI");
    for (String name : List.of("lua", "luajit", "groovy", "osascript", "tclsh", "wish")) {
      PROGRAMS.put(name, e);
    }
    PROGRAMS.put("julia", Spec.of(Role.INTERPRETER).code("eEP", "--eval", "--print").values("JLC"));
    PROGRAMS.put("rscript", Spec.of(Role.INTERPRETER).code("e"));
    PROGRAMS.put("r", Spec.of(Role.INTERPRETER).code("e"));
    PROGRAMS.put("expect", Spec.of(Role.INTERPRETER).code("c").values("f"));
    Spec awk =
        Spec.of(Role.PROGRAM_TEXT)
            .code("e", "--source")
            .values("vfF", "--assign", "--file", "--field-separator", "--include", "--load");
    for (String name : List.of("awk", "gawk", "mawk", "nawk")) {
      PROGRAMS.put(name, awk);
    }
    Spec sed =
        Spec.of(Role.PROGRAM_TEXT)
            .code("e", "--expression")
            .values("fl", "--file", "--line-length")
            .attached("i");
    PROGRAMS.put("sed", sed);
    PROGRAMS.put("gsed", sed);
    Spec alwaysShell = Spec.of(Role.ALWAYS_SHELL);
    for (String name : List.of("watch", "parallel", "cmd", "eval", "source")) {
      PROGRAMS.put(name, alwaysShell);
    }
    // PowerShell's parameters are parsed apart (see powershell()); listed here to be recognized.
    PROGRAMS.put("powershell", alwaysShell);
    PROGRAMS.put("pwsh", alwaysShell);
    Spec su =
        Spec.of(Role.SHELL)
            .code("c", "--command", "--session-command")
            .values("gGsw", "--group", "--supp-group", "--shell", "--whitelist-environment");
    PROGRAMS.put("su", su);
    PROGRAMS.put("runuser", su);
    PROGRAMS.put(
        "script",
        Spec.of(Role.SHELL)
            .code("c", "--command")
            .values(
                "BEIOoTm",
                "--log-io",
                "--log-in",
                "--log-out",
                "--log-timing",
                "--echo",
                "--logging-format"));
    Spec wrapper = Spec.of(Role.WRAPPER);
    PROGRAMS.put(
        "env",
        wrapper
            .values("uCPS", "--unset", "--chdir")
            .shell("S", "--split-string")
            .allowingAssignments());
    PROGRAMS.put("nice", wrapper.values("n", "--adjustment"));
    PROGRAMS.put("nohup", wrapper);
    PROGRAMS.put("timeout", wrapper.values("sk", "--signal", "--kill-after").operands(1));
    PROGRAMS.put(
        "xargs",
        wrapper
            .values(
                "adEILnPs",
                "--arg-file",
                "--delimiter",
                "--max-args",
                "--max-procs",
                "--max-chars",
                "--max-lines",
                "--process-slot-var")
            .attached("eil"));
    PROGRAMS.put(
        "sudo",
        wrapper
            .values(
                "CDghprRtTUu",
                "--close-from",
                "--chdir",
                "--group",
                "--host",
                "--prompt",
                "--chroot",
                "--role",
                "--type",
                "--command-timeout",
                "--other-user",
                "--user")
            .shell("si", "--shell", "--login")
            .allowingAssignments());
    PROGRAMS.put("doas", wrapper.values("uC").shell("s"));
    PROGRAMS.put("stdbuf", wrapper.values("ioe", "--input", "--output", "--error"));
    PROGRAMS.put("ionice", wrapper.values("cnp", "--class", "--classdata", "--pid"));
    PROGRAMS.put("setsid", wrapper);
    PROGRAMS.put("time", wrapper.values("fo", "--format", "--output"));
    PROGRAMS.put("chroot", wrapper.values("", "--userspec", "--groups").operands(1));
    PROGRAMS.put(
        "flock",
        wrapper
            .values("wE", "--timeout", "--conflict-exit-code")
            .shell("c", "--command")
            .operands(1));
    PROGRAMS.put("taskset", wrapper.values("", "--cpu-list").operands(1));
    PROGRAMS.put(
        "chrt",
        wrapper.values("TPD", "--sched-runtime", "--sched-period", "--sched-deadline").operands(1));
    PROGRAMS.put("busybox", wrapper);
    PROGRAMS.put("toybox", wrapper);
    PROGRAMS.put("unbuffer", wrapper);
  }

  private final List<?> argv;
  private final boolean hasStdin;
  private final boolean templatedStdin;
  private final List<Finding> findings = new ArrayList<>();

  private ArgvCheck(List<?> argv, Object stdin) {
    this.argv = argv;
    this.hasStdin = stdin instanceof String;
    this.templatedStdin = stdin instanceof String s && s.contains(TEMPLATE);
  }

  /**
   * The problems of an argv as written.
   *
   * @param argv the elements (strings; anything else counts as a template)
   * @param stdin the step's stdin as written, or null when it has none
   */
  static List<Finding> check(List<?> argv, Object stdin) {
    ArgvCheck check = new ArgvCheck(argv, stdin);
    if (!argv.isEmpty()) {
      check.program(0, null);
    }
    return check.findings;
  }

  /** Whether an element as written holds a template (or is not text at all). */
  static boolean templated(Object element) {
    return !(element instanceof String s) || s.contains(TEMPLATE);
  }

  /**
   * A program's name as the table knows it: no directory, no {@code .exe}, lower case, no version
   * ({@code /usr/bin/python3.12} is {@code python}).
   */
  static String baseName(String program) {
    String base = program.substring(program.lastIndexOf('/') + 1);
    base = base.substring(base.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
    if (base.endsWith(".exe")) {
      base = base.substring(0, base.length() - 4);
    }
    if (PROGRAMS.containsKey(base)) {
      return base;
    }
    var m = VERSION.matcher(base);
    return m.matches() ? m.group(1) : base;
  }

  private static final Set<String> SCRIPT_OPTION = Set.of("php", "expect");

  private static String name(String written) {
    return baseName(written);
  }

  private String text(int i) {
    return (String) argv.get(i);
  }

  /** Checks the program at index p, run by the wrapper named {@code by} (null for argv[0]). */
  private void program(int p, String by) {
    if (templated(argv.get(p))) {
      findings.add(
          new Finding(
              p,
              (by == null
                      ? "argv[0] comes from a template"
                      : "argv["
                          + p
                          + "] is the program '"
                          + by
                          + "' runs and comes from a template")
                  + "; write the program out, so that the runbook, not the data, decides what runs"));
      return;
    }
    String written = text(p);
    String name = baseName(written);
    Spec spec = PROGRAMS.get(name);
    if (spec == null) {
      scanForInterpreters(p + 1);
      return;
    }
    if (name.equals("pwsh") || name.equals("powershell")) {
      powershell(p, written);
      return;
    }
    if (name.equals("runuser") && (argv.contains("-u") || argv.contains("--user"))) {
      spec = RUNUSER;
    }
    if (spec.role() == Role.ALWAYS_SHELL) {
      findings.add(
          new Finding(
              p,
              "'"
                  + written
                  + "' runs its command through a shell, where a value can inject code"
                  + DIRECTLY));
      return;
    }
    options(p, written, spec);
  }

  /** Parses the options of the program at p and goes on as its role says. */
  private void options(int p, String written, Spec spec) {
    boolean readsStdin = false;
    boolean hasProgramText = false;
    boolean scriptOption = false;
    int i = p + 1;
    int n = argv.size();
    while (i < n) {
      Object element = argv.get(i);
      if (templated(element)) {
        if ((spec.role() == Role.WRAPPER && spec.assignments() && isAssignment(element))
            || hasProgramText
            || scriptOption) {
          break;
        }
        slot(i, written, spec);
        return;
      }
      String a = (String) element;
      if (a.equals("--")) {
        i++;
        break;
      }
      if (a.equals("-") && name(written).equals("env")) {
        i++;
        continue;
      }
      if (a.startsWith("--") && a.length() > 2) {
        String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        if (spec.longCode().contains(option)) {
          if (spec.role() == Role.PROGRAM_TEXT) {
            hasProgramText = true;
            if (!a.contains("=")) {
              i++;
              if (i < n && templated(argv.get(i))) {
                programText(i, written);
                return;
              }
            } else if (templated(a)) {
              programText(i, written);
              return;
            }
            i++;
            continue;
          }
          code(i, written, a);
          return;
        }
        if (spec.longShell().contains(option)) {
          shell(i, written, a);
          return;
        }
        if (spec.longValues().contains(option) && !a.contains("=")) {
          i++;
        }
        i++;
        continue;
      }
      boolean option = a.length() > 1 && (a.startsWith("-") || (spec.plus() && a.startsWith("+")));
      if (!option) {
        break;
      }
      boolean nextIsValue = false;
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        if (spec.code().indexOf(c) >= 0) {
          if (spec.role() == Role.PROGRAM_TEXT) {
            hasProgramText = true;
            if (j + 1 == a.length()) {
              nextIsValue = true;
              if (i + 1 < n && templated(argv.get(i + 1))) {
                programText(i + 1, written);
                return;
              }
            }
            break;
          }
          code(i, written, a);
          return;
        }
        if (spec.shell().indexOf(c) >= 0) {
          shell(i, written, a);
          return;
        }
        if (spec.stdin().indexOf(c) >= 0) {
          readsStdin = true;
        }
        if (spec.stop().indexOf(c) >= 0) {
          if (j + 1 == a.length() && i + 1 < n && templated(argv.get(i + 1))) {
            slot(i + 1, written, spec);
          }
          return;
        }
        if (spec.values().indexOf(c) >= 0 && c == 'f' && SCRIPT_OPTION.contains(name(written))) {
          scriptOption = true;
        }
        if (spec.values().indexOf(c) >= 0) {
          if (spec.role() == Role.PROGRAM_TEXT && c == 'f') {
            hasProgramText = true;
          }
          nextIsValue = j + 1 == a.length();
          break;
        }
        if (spec.attached().indexOf(c) >= 0) {
          if (c != '0' && c != 'l') {
            break;
          }
          // perl -l and -0 take only octal digits (-0 also x and hex digits); flags may follow.
          while (j + 1 < a.length() && "01234567".indexOf(a.charAt(j + 1)) >= 0) {
            j++;
          }
          if (c == '0' && j + 1 < a.length() && a.charAt(j + 1) == 'x') {
            break;
          }
        }
      }
      i += nextIsValue ? 2 : 1;
    }
    switch (spec.role()) {
      case SHELL, INTERPRETER -> {
        if (OPERAND_NOT_SCRIPT.contains(baseName(written))) {
          // su, runuser and script permute their arguments: -c after the user or file still
          // counts, and without it they start a shell that reads stdin.
          for (int k = i; k < n; k++) {
            Object rest = argv.get(k);
            if (templated(rest)) {
              slot(k, written, spec);
              return;
            }
            String s = (String) rest;
            if (s.equals("-c") || s.startsWith("--command") || s.startsWith("--session-command")) {
              code(k, written, s);
              return;
            }
          }
          readsStdin = true;
        } else if (scriptOption) {
          return;
        } else if (i >= n) {
          readsStdin = true;
        } else if (templated(argv.get(i))) {
          slot(i, written, spec);
          return;
        } else if (STDIN_FILES.contains(text(i))) {
          readsStdin = true;
        }
        if (readsStdin && hasStdin) {
          stdin(written);
        }
      }
      case PROGRAM_TEXT -> {
        if (!hasProgramText && i < n && templated(argv.get(i))) {
          programText(i, written);
        }
      }
      case WRAPPER -> wrapped(i, written, spec);
      default -> {}
    }
  }

  private void stdin(String program) {
    findings.add(
        new Finding(
            -1,
            "'"
                + program
                + "' reads the code it runs from stdin, where a value can inject code"
                + DIRECTLY));
  }

  /**
   * PowerShell: single-dash parameters, case-insensitive and abbreviated; {@code -Command}, {@code
   * -EncodedCommand} and {@code -CommandWithArgs} run code from an argument.
   */
  private void powershell(int p, String written) {
    int n = argv.size();
    for (int i = p + 1; i < n; i++) {
      if (templated(argv.get(i))) {
        slot(i, written, PROGRAMS.get("python"));
        return;
      }
      String a = text(i);
      if (!(a.startsWith("-") || a.startsWith("/")) || a.length() < 2) {
        if (STDIN_FILES.contains(a) && hasStdin) {
          stdin(written);
        }
        return;
      }
      String x = a.substring(1).toLowerCase(Locale.ROOT);
      if ("command".startsWith(x)
          || "commandwithargs".startsWith(x)
          || "encodedcommand".startsWith(x)
          || x.equals("ec")
          || x.equals("cwa")) {
        code(i, written, a);
        return;
      }
      if ("file".startsWith(x)) {
        if (i + 1 < n && templated(argv.get(i + 1))) {
          slot(i + 1, written, PROGRAMS.get("python"));
        } else if (i + 1 < n && STDIN_FILES.contains(text(i + 1)) && hasStdin) {
          stdin(written);
        }
        return;
      }
      if (POWERSHELL_VALUES.stream().anyMatch(v -> v.startsWith(x))) {
        i++;
      }
    }
    if (hasStdin) {
      stdin(written);
    }
  }

  /** Goes on after a wrapper's options: its fixed operands, NAME=value pairs, then its command. */
  private void wrapped(int start, String written, Spec spec) {
    int i = start;
    int n = argv.size();
    for (int k = 0; k < spec.operands() && i < n; k++, i++) {
      if (templated(argv.get(i))) {
        slot(i, written, spec);
        return;
      }
    }
    if (i < n && !templated(argv.get(i)) && spec.operands() > 0) {
      String a = text(i);
      String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (spec.longShell().contains(option)
          || (a.length() == 2 && a.charAt(0) == '-' && spec.shell().indexOf(a.charAt(1)) >= 0)) {
        shell(i, written, a);
        return;
      }
    }
    if (spec.assignments()) {
      while (i < n && isAssignment(argv.get(i))) {
        i++;
      }
    }
    if (baseName(written).equals("xargs") && templatedStdin) {
      findings.add(
          new Finding(
              -1,
              "'"
                  + written
                  + "' turns stdin into arguments of the program it runs, and stdin comes from a"
                  + " template; pass the values as elements of argv instead"));
      return;
    }
    if (i >= n) {
      if (baseName(written).equals("chroot") && hasStdin) {
        // Without a command, chroot starts an interactive shell on stdin.
        stdin(written);
      }
      return;
    }
    program(i, written);
  }

  /** Whether an element is a NAME=value assignment by its literal start. */
  private static boolean isAssignment(Object element) {
    if (!(element instanceof String s)) {
      return false;
    }
    int template = s.indexOf(TEMPLATE);
    int equals = s.indexOf('=');
    return equals > 0
        && (template < 0 || equals < template)
        && ASSIGNMENT.matcher(s.substring(0, equals + 1)).matches();
  }

  /** For an unknown program: an interpreter among its arguments followed by its code option. */
  private void scanForInterpreters(int from) {
    for (int i = from; i + 1 < argv.size(); i++) {
      if (templated(argv.get(i)) || templated(argv.get(i + 1))) {
        continue;
      }
      Spec spec = PROGRAMS.get(baseName(text(i)));
      if (spec == null || (spec.role() != Role.SHELL && spec.role() != Role.INTERPRETER)) {
        continue;
      }
      String a = text(i + 1);
      String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      boolean code =
          a.startsWith("--")
              ? spec.longCode().contains(option)
              : a.startsWith("-") && shortCode(a, spec);
      if (code) {
        code(i + 1, text(i), a);
        return;
      }
    }
  }

  /** Whether a short option cluster holds a code option before any option taking a value. */
  private static boolean shortCode(String a, Spec spec) {
    for (int j = 1; j < a.length(); j++) {
      char c = a.charAt(j);
      if (spec.code().indexOf(c) >= 0) {
        return true;
      }
      if (spec.values().indexOf(c) >= 0
          || spec.attached().indexOf(c) >= 0
          || spec.stop().indexOf(c) >= 0) {
        return false;
      }
    }
    return false;
  }

  private void code(int i, String program, String option) {
    findings.add(
        new Finding(
            i,
            "'"
                + program
                + " "
                + option
                + "' runs code given as an argument through an interpreter, where a value can"
                + " inject code"
                + DIRECTLY));
  }

  private void shell(int i, String program, String option) {
    findings.add(
        new Finding(
            i,
            "'"
                + program
                + " "
                + option
                + "' runs its command through a shell, where a value can inject code"
                + DIRECTLY));
  }

  private void slot(int i, String program, Spec spec) {
    String what =
        switch (spec.role()) {
          case WRAPPER -> "its options, operands or the program it runs";
          case PROGRAM_TEXT -> "its options or program text";
          default -> "its options or script";
        };
    findings.add(
        new Finding(
            i,
            "argv["
                + i
                + "] comes from a template where '"
                + program
                + "' expects "
                + what
                + "; write it out (values can only be arguments of the program that runs, or"
                + " values of options that take one)"));
  }

  private void programText(int i, String program) {
    findings.add(
        new Finding(
            i,
            "argv["
                + i
                + "] comes from a template and is program text for '"
                + program
                + "'; write the program out and pass values as variables, such as [awk, -v,"
                + " \"name=${{ inputs.name }}\", '{print name}']"));
  }
}
