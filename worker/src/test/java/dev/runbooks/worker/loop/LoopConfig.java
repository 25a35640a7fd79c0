package dev.runbooks.worker.loop;

import dev.runbooks.testbed.Testbed;
import dev.runbooks.testbed.TestbedSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's monitoring examples, made to run against the test's processes: {@code
 * docker/prometheus/prometheus-local.yml}, {@code docker/prometheus/rules/*.yml} and {@code
 * docker/alertmanager/alertmanager.yml}, with only addresses and timings replaced, so the files
 * users copy are the files tested. Each replacement must find its text: a reshaped example fails
 * here rather than testing something else.
 */
final class LoopConfig {
  private static final Path DOCKER = Path.of("").toAbsolutePath().getParent().resolve("docker");
  private static final Pattern ALERT = Pattern.compile("^\\s*- alert:\\s*(\\S+)\\s*$");
  private static final Pattern FOR = Pattern.compile("^(\\s+)for:\\s*\\S+\\s*$");

  private LoopConfig() {}

  /**
   * {@code prometheus-local.yml} scraping the engine and the seed systems at the given addresses
   * every second, evaluating every second and sending to the given Alertmanager.
   *
   * @param engine the engine's {@code host:port}
   * @param instances the seed systems' {@code host:port} by system name
   * @param alertmanager the Alertmanager's {@code host:port}
   */
  static String prometheus(String engine, Map<String, String> instances, String alertmanager)
      throws IOException {
    String text = Files.readString(DOCKER.resolve("prometheus/prometheus-local.yml"));
    text = replace(text, "scrape_interval:\\s*\\S+", "scrape_interval: 1s");
    text = replace(text, "evaluation_interval:\\s*\\S+", "evaluation_interval: 1s");
    text = replace(text, Pattern.quote(quoted("127.0.0.1:9093")), quoted(alertmanager));
    text = replace(text, Pattern.quote(quoted("127.0.0.1:8080")), quoted(engine));
    for (Map.Entry<String, String> instance : instances.entrySet()) {
      TestbedSystem system =
          Testbed.allSystems().stream()
              .filter(s -> s.name().equals(instance.getKey()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no testbed system " + instance.getKey()));
      text =
          replace(
              text,
              "(job_name: "
                  + Pattern.quote(system.name())
                  + "\\s+static_configs:\\s+- targets: \\[)"
                  + Pattern.quote(quoted("127.0.0.1:" + system.defaultPort())),
              "$1" + Matcher.quoteReplacement(quoted(instance.getValue())));
    }
    return text;
  }

  /**
   * Every rule file, with the {@code for:} of the given alerts shortened to one second; the other
   * rules keep theirs (a minute or more), so a fault only fires the alert under test, not the ones
   * its side effects (a restart, a breaker) would fire if they lasted.
   */
  static Map<String, String> rules(Set<String> shortened) throws IOException {
    Map<String, String> rules = new LinkedHashMap<>();
    Set<String> found = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(DOCKER.resolve("prometheus/rules"))) {
      files = list.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
    for (Path file : files) {
      StringBuilder out = new StringBuilder();
      String alert = null;
      for (String line : Files.readAllLines(file)) {
        Matcher name = ALERT.matcher(line);
        if (name.matches()) {
          alert = name.group(1);
        }
        Matcher duration = FOR.matcher(line);
        if (duration.matches() && shortened.contains(alert)) {
          line = duration.group(1) + "for: 1s";
          found.add(alert);
        }
        out.append(line).append('\n');
      }
      rules.put(file.getFileName().toString(), out.toString());
    }
    if (!found.equals(new TreeSet<>(shortened))) {
      throw new AssertionError("alerts with a for: in docker/prometheus/rules: " + found);
    }
    return rules;
  }

  /**
   * {@code alertmanager.yml} posting to the given engine, sending a new group after one second and
   * its changes (resolves) every second.
   *
   * @param engine the engine's base URL, such as {@code http://127.0.0.1:41234}
   */
  static String alertmanager(String engine) throws IOException {
    String text = Files.readString(DOCKER.resolve("alertmanager/alertmanager.yml"));
    text = replace(text, Pattern.quote("http://127.0.0.1:8080"), Matcher.quoteReplacement(engine));
    text = replace(text, "group_wait:\\s*\\S+", "group_wait: 1s");
    return replace(text, "group_interval:\\s*\\S+", "group_interval: 1s");
  }

  private static String quoted(String address) {
    return "\"" + address + "\"";
  }

  /** Replaces every match of the regex; fails when there is none. */
  static String replace(String text, String regex, String replacement) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("the example no longer contains /" + regex + "/:\n" + text);
    }
    return m.replaceAll(replacement);
  }
}
