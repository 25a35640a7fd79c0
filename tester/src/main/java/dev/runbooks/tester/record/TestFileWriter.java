package dev.runbooks.tester.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a recorded case into a test file: creates {@code <name>.test.yaml} when it does not exist,
 * else appends the case to its {@code cases:} (keeping the file's text and comments when {@code
 * cases:} is its last block, rewriting it otherwise). A name the file already has gets a suffix
 * ({@code " (2)"}).
 */
public final class TestFileWriter {
  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());
  private static final Pattern CASES = Pattern.compile("(?m)^cases:[ \\t]*(#.*)?$");
  private static final Pattern ITEM = Pattern.compile("(?m)^([ ]*)- ");

  private TestFileWriter() {}

  /**
   * Writes the case into {@code file}, creating it (and its directory) or appending to it.
   *
   * @return the case's name as written (suffixed when the file had it already)
   * @throws RecordException when the file cannot be read, is of another runbook, or cannot be
   *     written
   */
  public static String write(RecordedCase recorded, Path file) {
    try {
      if (!Files.exists(file)) {
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        Files.writeString(file, create(recorded, file), StandardCharsets.UTF_8);
        return recorded.name();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      JsonNode tree;
      try {
        tree = YAML.readTree(text);
      } catch (JsonProcessingException e) {
        throw new RecordException(
            file + ": not a test file YAML can read (" + e.getOriginalMessage() + ")", e);
      }
      if (tree == null || !tree.isObject()) {
        throw new RecordException(file + ": not a test file (expected a mapping with cases:)");
      }
      String runbook = tree.path("runbook").asText("");
      if (!runbook.isEmpty() && !runbook.equals(recorded.runbook())) {
        throw new RecordException(
            file
                + " tests runbook '"
                + runbook
                + "', the run is of '"
                + recorded.runbook()
                + "'; choose another file with --out");
      }
      Set<String> names = new HashSet<>();
      tree.path("cases").forEach(c -> names.add(c.path("name").asText()));
      String name = unique(recorded.name(), names);
      Map<String, Object> c = new LinkedHashMap<>(recorded.testCase());
      c.put("name", name);
      Files.writeString(file, append(text, (ObjectNode) tree, c), StandardCharsets.UTF_8);
      return name;
    } catch (IOException e) {
      throw new RecordException(file + ": " + e.getMessage(), e);
    }
  }

  /** The test file of one case, with the schema comment when the schema is found above it. */
  static String create(RecordedCase recorded, Path file) throws IOException {
    StringBuilder s = new StringBuilder();
    schema(file)
        .ifPresent(p -> s.append("# yaml-language-server: $schema=").append(p).append('\n'));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "runbooks.dev/v1");
    doc.put("kind", "RunbookTest");
    doc.put("runbook", recorded.runbook());
    doc.put("cases", List.of(recorded.testCase()));
    s.append(YAML.writeValueAsString(doc));
    return s.toString();
  }

  private static String append(String text, ObjectNode tree, Map<String, Object> c)
      throws IOException {
    Matcher cases = CASES.matcher(text);
    boolean casesLast = false;
    Iterator<String> fields = tree.fieldNames();
    String last = null;
    while (fields.hasNext()) {
      last = fields.next();
    }
    if ("cases".equals(last) && cases.find() && tree.path("cases").isArray()) {
      casesLast = true;
    }
    if (casesLast) {
      Matcher item = ITEM.matcher(text);
      String indent = item.find(cases.end()) ? item.group(1) : "  ";
      String block = YAML.writeValueAsString(List.of(c));
      StringBuilder s = new StringBuilder(text);
      if (!text.endsWith("\n")) {
        s.append('\n');
      }
      for (String line : block.split("\n", -1)) {
        if (!line.isEmpty()) {
          s.append(indent).append(line).append('\n');
        }
      }
      return s.toString();
    }
    Map<String, Object> doc =
        YAML.convertValue(
            tree,
            YAML.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
    List<Object> all = new java.util.ArrayList<>();
    if (doc.get("cases") instanceof List<?> l) {
      all.addAll(l);
    }
    all.add(c);
    doc.put("cases", all);
    return YAML.writeValueAsString(doc);
  }

  private static String unique(String name, Set<String> taken) {
    if (!taken.contains(name)) {
      return name;
    }
    int n = 2;
    while (taken.contains(name + " (" + n + ")")) {
      n++;
    }
    return name + " (" + n + ")";
  }

  /** The path from the file's directory to the test files' JSON Schema, if one is found above. */
  private static java.util.Optional<String> schema(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      for (Path candidate :
          List.of(
              d.resolve("schema/runbook-test.schema.json"),
              d.resolve("runbooks-yaml/schema/runbook-test.schema.json"))) {
        if (Files.exists(candidate)) {
          return java.util.Optional.of(dir.relativize(candidate).toString().replace('\\', '/'));
        }
      }
    }
    return java.util.Optional.empty();
  }
}
