package dev.runbooks.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every {@code runbook.*} key the repository writes down has metadata (a description, a type, IDE
 * completion): the keys of every module's {@code application*.properties} and {@code
 * application*.yaml}, the {@code RUNBOOK_*} variables of the Helm chart and of the compose file
 * (relaxed binding: {@code RUNBOOK_ROUTES_ONCALL_TYPE} is {@code runbook.routes.oncall.type}), and
 * the keys the docs name. A new key needs a typed {@code @ConfigurationProperties} (the processor
 * writes its metadata) or, when it is read before the context exists, an entry in the module's
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 */
class PropertyMetadataCoverageTest {

  /**
   * Keys that are not Spring properties, with why. Keep this short: everything else needs metadata.
   */
  static final Map<String, String> NOT_PROPERTIES =
      Map.of(
          "runbook.command.result-cap",
          "a JVM system property (-D) of the activities module, which has no Spring",
          "runbook.test.parallelism",
          "a JVM system property (-D) of the runbook test runner (bin/runbook test)",
          "runbook.home",
          "a JVM system property the CLI's launcher sets",
          "runbook.names",
          "an attribute of the dispatch span (docs/observability.md)");

  /** Prefixes of names that are not Spring properties either: attributes of tracing spans. */
  static final List<String> NOT_PROPERTY_PREFIXES = List.of("runbook.alert.", "runbook.inbox.");

  /** Environment variables that are not properties: the secrets of steps. */
  static final List<String> NOT_PROPERTY_VARIABLES = List.of("RUNBOOK_SECRET_", "RUNBOOK_SECRETS_");

  private static final Pattern KEY =
      Pattern.compile("(?<![A-Za-z0-9_./-])runbook\\.[a-z][-a-z0-9.<>_*\\[\\]]*");

  /** A file name such as {@code runbook.yaml}, which the docs may mention: not a key. */
  private static final Pattern FILE_NAME = Pattern.compile(".*\\.(ya?ml|json|md|txt|sh|java)");

  private static final Pattern VARIABLE = Pattern.compile("\\bRUNBOOK_[A-Z0-9_]+");

  private static RunbookMetadata metadata;
  private static Path root;

  @BeforeAll
  static void load() {
    metadata = RunbookMetadata.load();
    root = RunbookMetadata.repositoryRoot();
  }

  @Test
  void theMetadataIsThereWithDescriptions() {
    assertThat(metadata.properties())
        .containsKeys(
            "runbook.routes",
            "runbook.datasources",
            "runbook.data-dir",
            "runbook.intake.retention",
            "runbook.temporal.worker.max-concurrent-activities",
            "runbook.dev.enabled");
    assertThat(metadata.properties().values())
        .filteredOn(p -> p.description() == null || p.description().isBlank())
        .as("properties without a description (Javadoc on the field or record component)")
        .isEmpty();
    assertThat(metadata.properties().get("runbook.temporal.search-attributes").hints())
        .containsExactly("register", "verify");
  }

  @Test
  void everyKeyOfTheApplicationFilesHasMetadata() throws IOException {
    Set<String> missing = new TreeSet<>();
    List<Path> applications = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src"))).toList()) {
        try (Stream<Path> files = Files.walk(module.resolve("src"))) {
          files
              .filter(p -> p.getFileName().toString().matches("application.*\\.(properties|ya?ml)"))
              .forEach(applications::add);
        }
      }
    }
    assertThat(applications).isNotEmpty();
    for (Path file : applications) {
      for (String key : keys(file)) {
        check(file, key, missing);
      }
    }
    assertThat(missing).as(hint()).isEmpty();
  }

  @Test
  void everyVariableOfTheChartAndTheComposeFileHasMetadata() throws IOException {
    Set<String> missing = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> chart = Files.walk(root.resolve("deploy/helm/runbook-engine"))) {
      files =
          Stream.concat(
                  chart
                      .filter(Files::isRegularFile)
                      .filter(
                          p ->
                              p.startsWith(root.resolve("deploy/helm/runbook-engine/templates"))
                                  || p.getFileName().toString().startsWith("values")),
                  Stream.of(root.resolve("docker/docker-compose.yml")))
              .toList();
    }
    int variables = 0;
    for (Path file : files) {
      String text = Files.readString(file);
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) {
        String variable = m.group();
        variables++;
        if (NOT_PROPERTY_VARIABLES.stream().noneMatch(variable::startsWith)
            && !metadata.describesVariable(variable)) {
          missing.add(root.relativize(file) + ": " + variable);
        }
      }
      for (String key : dottedKeys(text)) {
        check(file, key, missing);
      }
    }
    assertThat(variables).isGreaterThan(10);
    assertThat(missing).as(hint()).isEmpty();
  }

  @Test
  void everyKeyTheDocsNameHasMetadata() throws IOException {
    Set<String> missing = new TreeSet<>();
    List<Path> docs;
    try (Stream<Path> files = Files.list(root.resolve("docs"))) {
      docs =
          Stream.concat(
                  files.filter(p -> p.toString().endsWith(".md")),
                  Stream.of(root.resolve("README.md")))
              .toList();
    }
    for (Path doc : docs) {
      for (String key : dottedKeys(Files.readString(doc))) {
        check(doc, key, missing);
      }
    }
    assertThat(missing).as(hint()).isEmpty();
  }

  private static void check(Path file, String key, Set<String> missing) {
    if (!NOT_PROPERTIES.containsKey(key)
        && NOT_PROPERTY_PREFIXES.stream().noneMatch(key::startsWith)
        && !metadata.describes(key)) {
      missing.add(root.relativize(file) + ": " + key);
    }
  }

  private static String hint() {
    return "runbook.* keys without metadata: declare each in a typed @ConfigurationProperties with"
        + " Javadoc, or, when it is read before the context starts, in the module's"
        + " META-INF/additional-spring-configuration-metadata.json";
  }

  private static Set<String> dottedKeys(String text) {
    Set<String> keys = new TreeSet<>();
    Matcher m = KEY.matcher(text);
    while (m.find()) {
      String key = m.group().replaceAll("[.]+$", "");
      if (!FILE_NAME.matcher(key).matches()) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static Set<String> keys(Path file) throws IOException {
    Set<String> keys = new TreeSet<>();
    if (file.toString().endsWith(".properties")) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        properties.load(in);
      }
      properties.stringPropertyNames().stream()
          .filter(k -> k.startsWith("runbook."))
          .forEach(keys::add);
      return keys;
    }
    try (Reader in = Files.newBufferedReader(file)) {
      for (Object document : new Yaml().loadAll(in)) {
        flatten("", document, keys);
      }
    }
    keys.removeIf(k -> !k.startsWith("runbook."));
    return keys;
  }

  private static void flatten(String prefix, Object node, Set<String> keys) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, keys));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), keys);
      }
    } else if (!prefix.isEmpty()) {
      keys.add(prefix);
    }
  }
}
