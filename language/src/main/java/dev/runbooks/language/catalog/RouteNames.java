package dev.runbooks.language.catalog;

import dev.runbooks.language.parse.ParsedYaml;
import dev.runbooks.language.parse.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the route names a worker configures from a file: a YAML or JSON list of names, a map whose
 * keys are names, or the worker's own configuration ({@code runbook.routes.<name>}, or {@code
 * routes.<name>}).
 */
public final class RouteNames {
  private RouteNames() {}

  /**
   * The route names in a file.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it holds no list or map of route names
   */
  public static Set<String> read(Path file) throws IOException {
    String source = Files.readString(file, StandardCharsets.UTF_8);
    ParsedYaml parsed = YamlParser.parse(source, file.toString());
    if (!parsed.problems().isEmpty()) {
      throw new IllegalArgumentException(parsed.problems().get(0).toString());
    }
    Object root = parsed.root();
    if (root instanceof Map<?, ?> m && m.get("runbook") instanceof Map<?, ?> runbook) {
      root = runbook.get("routes");
    } else if (root instanceof Map<?, ?> m && m.containsKey("routes")) {
      root = m.get("routes");
    }
    Set<String> names = new LinkedHashSet<>();
    if (root instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> names.add(String.valueOf(k)));
    } else if (root instanceof List<?> l) {
      l.forEach(v -> names.add(String.valueOf(v)));
    } else {
      throw new IllegalArgumentException(
          file + ": expected a list of route names, a map of routes, or runbook.routes");
    }
    return names;
  }
}
