package dev.runbooks.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code runbook.*} properties as IDEs see them: every {@code
 * META-INF/spring-configuration-metadata.json} on the class path (the configuration processor's
 * output in the starter and the worker, merged with their additional metadata), with the value
 * hints.
 */
final class RunbookMetadata {
  private static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

  /**
   * One property.
   *
   * @param name its key, such as {@code runbook.intake.retention}
   * @param type its Java type as the metadata writes it
   * @param defaultValue its default as text, or null
   * @param description its description, or null
   * @param hints the values an IDE offers, or none
   */
  record Property(
      String name, String type, String defaultValue, String description, List<String> hints) {

    /** Whether keys below this one are its entries (a map, list or array). */
    boolean hasEntries() {
      return type != null
          && (type.startsWith("java.util.Map")
              || type.startsWith("java.util.List")
              || type.startsWith("java.util.Set")
              || type.startsWith("java.util.Collection")
              || type.endsWith("[]"));
    }

    /** The key as an environment variable, as Spring's relaxed binding reads it. */
    String environmentName() {
      return environmentName(name);
    }

    static String environmentName(String key) {
      return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
  }

  private final Map<String, Property> properties;

  private RunbookMetadata(Map<String, Property> properties) {
    this.properties = Collections.unmodifiableMap(properties);
  }

  /** The metadata of every module on the class path. */
  static RunbookMetadata load() {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> raw = new TreeMap<>();
    Map<String, List<String>> hints = new TreeMap<>();
    try {
      var resources = RunbookMetadata.class.getClassLoader().getResources(RESOURCE);
      while (resources.hasMoreElements()) {
        URL url = resources.nextElement();
        JsonNode root;
        try (InputStream in = url.openStream()) {
          root = json.readTree(in);
        }
        for (JsonNode p : root.path("properties")) {
          String name = p.path("name").asText();
          if (name.startsWith("runbook.")) {
            raw.putIfAbsent(name, p);
          }
        }
        for (JsonNode h : root.path("hints")) {
          String name = h.path("name").asText();
          if (name.startsWith("runbook.")) {
            List<String> values = new ArrayList<>();
            h.path("values").forEach(v -> values.add(v.path("value").asText()));
            hints.put(name, values);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Property> properties = new TreeMap<>();
    raw.forEach(
        (name, p) ->
            properties.put(
                name,
                new Property(
                    name,
                    text(p, "type"),
                    p.has("defaultValue") ? defaultText(p.get("defaultValue")) : null,
                    text(p, "description"),
                    hints.getOrDefault(name, List.of()))));
    return new RunbookMetadata(properties);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String defaultText(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asText()));
      return String.join(",", items);
    }
    return value.asText();
  }

  /** Every property by key, sorted. */
  Map<String, Property> properties() {
    return properties;
  }

  /**
   * Whether a key written in a file is described: the key itself, an entry of a map or list
   * property ({@code runbook.routes.oncall.type}, {@code runbook.guard-rails.freezes[0].reason}),
   * or, for a key ending in {@code .*}, a group with at least one property. Placeholders such as
   * {@code <name>} stand for any map key.
   */
  boolean describes(String key) {
    String k = key.replaceAll("\\[[^]]*]", ".0").replaceAll("\\.+$", "");
    if (k.endsWith(".*")) {
      String group = k.substring(0, k.length() - 1);
      return properties.keySet().stream().anyMatch(n -> n.startsWith(group))
          || describes(k.substring(0, k.length() - 2));
    }
    if (properties.containsKey(k)) {
      return true;
    }
    if (k.contains("<")) {
      Pattern pattern =
          Pattern.compile(
              Arrays.stream(k.split("\\."))
                      .map(s -> s.startsWith("<") ? "[^.]+" : Pattern.quote(s))
                      .collect(Collectors.joining("\\."))
                  + "(\\..+)?");
      if (properties.keySet().stream().anyMatch(n -> pattern.matcher(n).matches())) {
        return true;
      }
    }
    return properties.values().stream()
            .anyMatch(p -> p.hasEntries() && k.startsWith(p.name() + "."))
        || properties.keySet().stream().anyMatch(n -> n.startsWith(k + "."));
  }

  /**
   * Whether an environment variable ({@code RUNBOOK_ROUTES_ONCALL_TYPE}) sets a described key; one
   * ending in {@code _} is a prefix (a chart template completes it).
   */
  boolean describesVariable(String variable) {
    if (variable.endsWith("_")) {
      return properties.values().stream().anyMatch(p -> p.environmentName().startsWith(variable));
    }
    return properties.values().stream()
        .anyMatch(
            p ->
                p.environmentName().equals(variable)
                    || p.hasEntries() && variable.startsWith(p.environmentName() + "_"));
  }

  /** The repository's root, found upwards from the working directory (a module's directory). */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null
        && !(Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("mvnw")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
