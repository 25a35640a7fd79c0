package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.routing.RunbookUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every alert rule in {@code docker/prometheus/rules/} carries a {@code runbook_url} that resolves:
 * for the systems' rules, the {@code /ui} page of a runbook shipped in {@code runbooks-yaml/} (and,
 * when that runbook has triggers, one that names the alert); for the engine's own rules, which
 * intentionally have no runbook, a section of the documentation that exists. promtool (real
 * Prometheus) accepts every rule file.
 */
class RunbookUrlRulesTest {
  private static final Path RULES = Path.of("../docker/prometheus/rules");
  private static final Path CATALOG = Path.of("../runbooks-yaml");
  private static final String BASE = "http://localhost:8080/ui/runbooks/";

  @Test
  void everyAlertHasARunbookUrlThatResolves() throws IOException {
    Map<String, Set<String>> runbooks = catalog();
    List<String> problems = new ArrayList<>();
    int alerts = 0;
    for (Path file : ruleFiles()) {
      for (Map<String, Object> rule : rules(file)) {
        alerts++;
        String alert = (String) rule.get("alert");
        Object annotations = rule.get("annotations");
        Object url = annotations instanceof Map<?, ?> m ? m.get("runbook_url") : null;
        String where = file.getFileName() + " " + alert + ": ";
        if (!(url instanceof String link)) {
          problems.add(where + "no runbook_url annotation");
          continue;
        }
        if (link.startsWith("docs/")) {
          problems.addAll(documented(where, link));
          continue;
        }
        RunbookUrl.Parsed parsed = RunbookUrl.parse(link);
        if (!parsed.named() || !link.startsWith(BASE)) {
          problems.add(where + link + " is not " + BASE + "<name>: " + parsed.problem());
        } else if (!runbooks.containsKey(parsed.name())) {
          problems.add(where + "no runbook " + parsed.name() + " in runbooks-yaml/");
        } else if (!runbooks.get(parsed.name()).isEmpty()
            && !runbooks.get(parsed.name()).contains(alert)) {
          problems.add(where + parsed.name() + "'s triggers do not name " + alert);
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(alerts).isEqualTo(42);
  }

  @Test
  void promtoolAcceptsEveryRuleFile() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assertThat(promtool)
        .as("promtool (Debian package prometheus): run scripts/install-deps.sh")
        .isExecutable();
    List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
    ruleFiles().forEach(f -> command.add(f.toString()));
    Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(out).isZero();
  }

  /** A link to a section of the repository's documentation: the file and its heading exist. */
  private static List<String> documented(String where, String link) throws IOException {
    String[] parts = link.split("#", 2);
    Path doc = Path.of("..").resolve(parts[0]).normalize();
    if (parts.length != 2 || !doc.startsWith("../docs") || !Files.isRegularFile(doc)) {
      return List.of(where + link + " is not a documentation file with a section");
    }
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(doc)) {
      if (line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors.contains(parts[1]) ? List.of() : List.of(where + "no section " + link);
  }

  private static List<Path> ruleFiles() throws IOException {
    try (Stream<Path> files = Files.list(RULES)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(Path file) throws IOException {
    Map<String, Object> doc = new Yaml().load(Files.readString(file));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        if (rule.containsKey("alert")) {
          out.add(rule);
        }
      }
    }
    return out;
  }

  /** The shipped runbooks by name, each with the alert names its triggers match. */
  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>> catalog() throws IOException {
    Map<String, Set<String>> names = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CATALOG)) {
      files =
          walk.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".test.yaml"))
              .toList();
    }
    for (Path file : files) {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10_000); // the repository's own files use anchors
      Object loaded = new Yaml(options).load(Files.readString(file));
      if (!(loaded instanceof Map<?, ?> doc) || !"Runbook".equals(doc.get("kind"))) {
        continue;
      }
      String name = (String) ((Map<String, Object>) doc.get("metadata")).get("name");
      Set<String> alerts = names.computeIfAbsent(name, n -> new HashSet<>());
      if (doc.get("triggers") instanceof List<?> triggers) {
        for (Object t : triggers) {
          Object a = ((Map<String, Object>) t).get("alertname");
          if (a instanceof List<?> list) {
            list.forEach(x -> alerts.add(String.valueOf(x)));
          } else if (a != null) {
            alerts.add(String.valueOf(a));
          }
        }
      }
    }
    return names;
  }
}
