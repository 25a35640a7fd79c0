package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fixtures of the run contract under {@code src/test/resources/contract}: status and report
 * JSON as runs produced it, with what differs from run to run normalised: instants become {@code
 * <time>}, durations ({@code durationMs}, {@code waitedMs}) 0, run ids {@code <runId>}, the port of
 * the test HTTP server {@code <port>}. Keys keep their order, so a comparison of the written text
 * also checks the order of every object's fields.
 */
final class ContractFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
  private static final Pattern HTTP_DATE =
      Pattern.compile("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
  private static final List<String> DURATIONS = List.of("durationMs", "waitedMs");

  /**
   * Fields whose values are the runbook's data (step results, outputs, error details, inputs):
   * their keys are sorted, as some come from {@code Map.of}, whose order changes from one JVM to
   * the next. The keys of the contract's own objects keep their order.
   */
  private static final List<String> FREE_FORM = List.of("result", "outputs", "details", "inputs");

  private ContractFixtures() {}

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = JSON.createObjectNode();
      new java.util.TreeMap<>(
              o.properties().stream()
                  .collect(
                      java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
          .forEach((k, v) -> copy.set(k, sorted(v)));
      return copy;
    }
    if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, sorted(a.get(i)));
      }
    }
    return node;
  }

  /** Compares the normalised JSON with the fixture, or writes it with -Dcontract.record=true. */
  static void check(String name, JsonNode actual, TestHttp http) {
    String text = write(normalise(actual.deepCopy(), http));
    if (Boolean.getBoolean("contract.record")) {
      try {
        Path path = Path.of("src/test/resources/contract", name);
        Files.writeString(path, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(text).as("contract/%s", name).isEqualTo(read(name));
  }

  /** The text of a fixture. */
  static String read(String name) {
    try (InputStream in = ContractFixtures.class.getResourceAsStream("/contract/" + name)) {
      if (in == null) {
        throw new AssertionError(
            "no fixture contract/" + name + " (record with -Dcontract.record=true)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of every fixture. */
  static final List<String> NAMES =
      List.of(
          "approval-status.json",
          "approval-report.json",
          "ladder-status.json",
          "ladder-status-tier2.json",
          "ladder-report.json",
          "foreach-failed-report.json",
          "escalated-report.json",
          "dry-run-report.json",
          "waits-status.json",
          "waits-report.json",
          "aborted-report.json",
          "locks-status.json");

  static String write(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode normalise(JsonNode node, TestHttp http) {
    if (node instanceof ObjectNode o) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(o.properties());
      for (Map.Entry<String, JsonNode> f : fields) {
        if (DURATIONS.contains(f.getKey()) && f.getValue().isNumber()) {
          o.set(f.getKey(), IntNode.valueOf(0));
        } else if (f.getKey().equals("runId") && f.getValue().isTextual()) {
          o.set(f.getKey(), TextNode.valueOf("<runId>"));
        } else if (FREE_FORM.contains(f.getKey())) {
          o.set(f.getKey(), sorted(normalise(f.getValue(), http)));
        } else {
          o.set(f.getKey(), normalise(f.getValue(), http));
        }
      }
      return o;
    }
    if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, normalise(a.get(i), http));
      }
      return a;
    }
    if (node.isTextual()) {
      String s = INSTANT.matcher(node.asText()).replaceAll("<time>");
      s = HTTP_DATE.matcher(s).replaceAll("<time>");
      if (http != null) {
        s = s.replace(http.url(), "http://127.0.0.1:<port>");
      }
      return TextNode.valueOf(s);
    }
    return node;
  }
}
