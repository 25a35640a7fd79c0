package dev.runbooks.language.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes template rendering ({@link Templates#render}, {@link Templates#renderConfig} and the tree
 * variants) with fuzzed template text and fuzzed variables. The property: a rendered value comes
 * back, or an {@link ExpressionException} (the documented failure: a CEL expression that does not
 * compile or fails); text without {@code ${{} comes back unchanged; secret references are marked
 * only where the text itself holds them.
 *
 * <p>An input is UTF-8 text: the template, then optionally a NUL byte and a JSON object of
 * variables (such as {@code {"inputs":{"n":1},"alert":{"labels":{}}}}), so seeds stay readable.
 * Seeds and regression inputs: {@code
 * src/test/resources/dev/runbooks/language/expr/TemplatesFuzzTestInputs/}.
 */
class TemplatesFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  @FuzzTest(maxDuration = "30s")
  void render(byte[] bytes) {
    String input = new String(bytes, StandardCharsets.UTF_8);
    int nul = input.indexOf('\0');
    String text = nul < 0 ? input : input.substring(0, nul);
    Map<String, Object> variables = variables(nul < 0 ? "" : input.substring(nul + 1));

    renders(() -> Templates.render(text, variables), text);
    renders(() -> checkConfig(text, Templates.renderConfig(text, variables)), text);
    renders(() -> Templates.renderTree(Map.of("k", List.of(text)), variables), text);
    renders(() -> Templates.renderConfigTree(List.of(Map.of("k", text)), variables), text);
    assertThat(Templates.expressionsIn(text)).isNotNull();
  }

  private static void renders(java.util.function.Supplier<Object> rendering, String text) {
    Object value;
    try {
      value = rendering.get();
    } catch (ExpressionException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    if (!text.contains("${{")) {
      assertThat(value).isIn(text, Map.of("k", List.of(text)), List.of(Map.of("k", text)));
    }
    assertThat(Templates.asText(value)).isNotNull();
  }

  private static Object checkConfig(String text, Object value) {
    if (value instanceof SecretText secret) {
      assertThat(secret.spans()).isNotEmpty();
      for (SecretText.Span span : secret.spans()) {
        String ref = secret.text().substring(span.start(), span.end());
        assertThat(text).contains(ref);
        assertThat(ref).startsWith("${{").endsWith("}}");
        assertThat(Templates.secretName(ref.substring(3, ref.length() - 2))).contains(span.name());
      }
    }
    return value;
  }

  /** The variables encoded in an input: a JSON object, or a fixed set when it is not one. */
  private static Map<String, Object> variables(String json) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("inputs", Map.of("name", "web", "count", 3L, "ratio", 0.5, "on", true));
    variables.put("alert", Map.of("labels", Map.of("alertname", "Down", "severity", "page")));
    if (json.isBlank()) {
      return variables;
    }
    try {
      Map<String, Object> parsed = JSON.readValue(json, MAP);
      if (parsed != null) {
        variables.putAll(parsed);
      }
    } catch (JsonProcessingException | RuntimeException e) {
      // not a JSON object: the fixed variables
    }
    return variables;
  }
}
