package dev.runbooks.language.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command step's compile-time rules: the many spellings of running code through an interpreter
 * are refused, ordinary programs with templated arguments are not, and the plan records which
 * arguments begin with a template. The exact messages are in the corpus (command-interpreters).
 */
class CommandKindTest {
  private final CommandKind kind = new CommandKind();

  private List<Problem> check(String stdin, String... argv) {
    Map<String, Object> config = new HashMap<>();
    config.put("argv", Arrays.asList(argv));
    if (stdin != null) {
      config.put("stdin", stdin);
    }
    return kind.check(config, "steps[0].command", p -> new Location("x.yaml", 1, 1));
  }

  /** Each case is an argv with elements separated by '|'. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "sh|-c|true",
        "/bin/sh|-ec|true",
        "bash|-lc|true",
        "bash|-xec|true",
        "bash|+o|posix|-c|true",
        "bash|--norc|-c|true",
        "/usr/local/bin/zsh|-c|true",
        "ksh93|-c|true",
        "mksh|-c|true",
        "env|sh|-c|true",
        "env|-|FOO=1|bash|-c|true",
        "/usr/bin/env|--chdir|/tmp|-u|HOME|A=1|B=${{ inputs.x }}|bash|-c|true",
        "env|--split-string=sh -c true",
        "busybox|sh|-c|true",
        "busybox|ash|-c|true",
        "toybox|sh|-c|true",
        "nice|-n|5|sh|-c|true",
        "nice|-10|sh|-c|true",
        "nohup|sh|-c|true",
        "timeout|-k|5|30s|sh|-c|true",
        "timeout|--signal=KILL|30s|python3|-c|print(1)",
        "xargs|-I|{}|sh|-c|echo {}",
        "sudo|-u|root|-E|PATH=/bin|bash|-c|true",
        "sudo|-i|jarvis",
        "sudo|--login|jarvis",
        "doas|-s",
        "stdbuf|-oL|bash|-c|true",
        "ionice|-c|3|nice|sh|-c|true",
        "setsid|-w|sh|-c|true",
        "chroot|/srv/root|sh|-c|true",
        "taskset|-c|0-3|sh|-c|true",
        "time|-p|sh|-c|true",
        "python|-c|print(1)",
        "python3|-Ic|print(1)",
        "python3.12|-W|ignore|-c|print(1)",
        "/usr/bin/python2.7|-c|print 1",
        "pypy3|-c|print(1)",
        "perl|-e|print 1",
        "perl|-E|say 1",
        "perl|-pe|s/a/b/",
        "perl|-Mstrict|-e|1",
        "perl5.36|-e|1",
        "ruby|-e|puts 1",
        "ruby|-rjson|-e|puts 1",
        "node|-e|1",
        "node|-pe|1",
        "node|--print|1",
        "nodejs|--eval|1",
        "php|-r|echo 1;",
        "php|-B|echo 1;",
        "lua5.4|-e|print(1)",
        "Rscript|-e|1",
        "julia|-e|1",
        "osascript|-e|1",
        "expect|-c|spawn true",
        "su|-c|true",
        "su|-|jarvis|-c|true",
        "runuser|jarvis|--command=true",
        "script|-q|-c|true|/dev/null",
        "flock|-w|5|/tmp/lock|--command|true",
        "powershell.exe|-c|Get-Process",
        "pwsh|-EncodedCommand|ZQBjAGgAbwA=",
        "cmd.exe|/c|dir",
        "parallel|echo|:::|a",
        "watch|-n|1|true",
        "docker|exec|jarvis|bash|-c|true",
        "ssh|host|sh|-c|true",
        "${{ inputs.program }}|status",
        "/opt/${{ inputs.dir }}/bin/run",
        "env|FOO=1|${{ inputs.program }}",
        "sudo|${{ inputs.program }}",
        "busybox|${{ inputs.applet }}",
        "python3|-m|${{ inputs.module }}",
        "bash|${{ inputs.script }}",
        "nice|${{ inputs.x }}|jarvis",
        "awk|${{ inputs.program }}",
        "sed|-e|${{ inputs.program }}|/etc/hosts",
        "gawk|--source=${{ inputs.program }}",
      })
  void interpreterSpellingsAreRefused(String argv) {
    assertThat(check(null, argv.split("\\|"))).as(argv).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bash",
        "sh|-s",
        "python3",
        "python3|-",
        "node",
        "perl|-n",
        "php",
        "ruby|/dev/stdin",
        "env|FOO=1|sh",
        "sudo|-u|x|bash",
        "busybox|sh",
        "chroot|/srv/root",
        "su|jarvis",
        "pwsh|-NoProfile",
        "lua|-",
        "tclsh"
      })
  void interpretersReadingStdinAreRefusedWhenStdinIsGiven(String argv) {
    String[] elements = argv.split("\\|");
    assertThat(check(null, elements)).as(argv).isEmpty();
    assertThat(check("echo hi", elements))
        .as(argv)
        .singleElement()
        .extracting(Problem::path)
        .isEqualTo("steps[0].command.stdin");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "curl|-s|http://host/health",
        "/opt/jarvis/restart.sh|${{ inputs.agent }}",
        "python3|/opt/jarvis/check.py|-c|${{ inputs.x }}",
        "python3|-m|core.dlq|move|${{ item.id }}|--reason|x",
        "python3|-W|${{ inputs.warnings }}|/opt/check.py",
        "perl|-I/opt/lib/e|/opt/check.pl",
        "perl|-l|/opt/check.pl",
        "bash|/opt/run.sh|-c|${{ inputs.x }}",
        "env|-i|PATH=/bin|A=${{ inputs.a }}|jarvis|${{ inputs.x }}",
        "nice|-n|${{ inputs.niceness }}|jarvis|restart",
        "timeout|30s|jarvis|--agent|${{ inputs.agent }}",
        "sudo|-u|${{ inputs.user }}|systemctl|restart|jarvis",
        "setsid|-c|jarvis",
        "xargs|-0|rm|--",
        "grep|-c|sh",
        "pgrep|-f|python",
        "systemctl|restart|node",
        "kubectl|-n|sh|get|pods",
        "awk|-F|:|-v|u=${{ inputs.user }}|$1 == u|/etc/passwd",
        "awk|-f|/opt/report.awk|${{ inputs.file }}",
        "sed|-n|s/a/b/p|${{ inputs.file }}",
        "find|${{ inputs.path }}|-name|${{ inputs.pattern }}|-delete",
        "du|-sh|${{ inputs.path }}",
        "pwsh|-File|/opt/restart.ps1|${{ inputs.x }}",
        "php|-f|/opt/x.php",
      })
  void ordinaryProgramsWithTemplatedArgumentsCompile(String argv) {
    assertThat(check(null, argv.split("\\|"))).as(argv).isEmpty();
  }

  @Test
  void thePlanRecordsTheArgumentsThatBeginWithATemplate() {
    Map<String, Object> written =
        Map.of(
            "argv",
            List.of(
                "find", "${{ inputs.path }}", "-name", "x-${{ inputs.p }}", "${{ a }}${{ b }}"));

    Map<String, Object> planned = kind.plan(written);

    assertThat(planned)
        .containsEntry("argv", written.get("argv"))
        .containsEntry(CommandKind.TEMPLATED_ARGS, List.of(1L, 4L));
  }
}
