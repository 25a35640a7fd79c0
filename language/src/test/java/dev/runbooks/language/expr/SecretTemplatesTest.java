package dev.runbooks.language.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.SecretRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rendering an action's config marks only the secret references of the source text; a reference
 * that arrives in a variable's value stays plain text.
 */
class SecretTemplatesTest {
  private static final String REF = "${{ secrets.API_TOKEN }}";
  private static final Map<String, Object> VARS =
      Map.of(
          "alert",
          Map.of("labels", Map.of("key", REF, "other", "${{secrets.OTHER}}")),
          "inputs",
          Map.of("note", "x " + REF));

  @Test
  void aSourceReferenceIsMarkedWhereItIs() {
    Object out = Templates.renderConfig("Bearer " + REF + " for ${{ inputs.note }}", VARS);

    assertThat(out).isInstanceOf(SecretText.class);
    SecretText text = (SecretText) out;
    assertThat(text.text()).isEqualTo("Bearer " + REF + " for x " + REF);
    assertThat(text.spans()).containsExactly(new SecretText.Span(7, 7 + REF.length(), "API_TOKEN"));
  }

  @Test
  void aWholeStringReferenceIsMarkedWithItsSpaces() {
    SecretText text = (SecretText) Templates.renderConfig("  " + REF + " ", VARS);

    assertThat(text.text()).isEqualTo("  " + REF + " ");
    assertThat(text.spans()).containsExactly(new SecretText.Span(2, 2 + REF.length(), "API_TOKEN"));
  }

  @Test
  void aReferenceInDataIsPlainText() {
    assertThat(Templates.renderConfig("${{ alert.labels.key }}", VARS)).isEqualTo(REF);
    assertThat(Templates.renderConfig("k=${{ alert.labels.other }}", VARS))
        .isEqualTo("k=${{secrets.OTHER}}");
    assertThat(Templates.renderConfig("${{ alert.labels }}", VARS))
        .isEqualTo(Map.of("key", REF, "other", "${{secrets.OTHER}}"));
    assertThat(Templates.renderConfig("${{ 'a' + alert.labels.key }}", VARS)).isEqualTo("a" + REF);
  }

  @Test
  void aRequestCarriesTheTextAndThePositions() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", "${{ alert.labels.key }}");
    config.put("headers", Map.of("Authorization", "Bearer " + REF));
    config.put("argv", List.of("curl", "${{ inputs.note }}", REF + ":" + REF));
    @SuppressWarnings("unchecked")
    Map<String, Object> rendered = (Map<String, Object>) Templates.renderConfigTree(config, VARS);

    ActionRequest request = ActionRequest.rendered("rb", "wf", "s", "http", rendered);

    assertThat(request.config())
        .isEqualTo(
            Map.of(
                "url",
                REF,
                "headers",
                Map.of("Authorization", "Bearer " + REF),
                "argv",
                List.of("curl", "x " + REF, REF + ":" + REF)));
    int n = REF.length();
    assertThat(request.secretRefs())
        .containsExactly(
            new SecretRef(List.of("headers", "Authorization"), 7, 7 + n, "API_TOKEN"),
            new SecretRef(List.of("argv", 2), 0, n, "API_TOKEN"),
            new SecretRef(List.of("argv", 2), n + 1, 2 * n + 1, "API_TOKEN"));
    assertThat(Json.write(request)).contains("\"secretRefs\":[{\"path\":[\"headers\"");
  }

  @Test
  void aSecretTextIsItsTextAsJsonAndInPlainTrees() {
    SecretText text = (SecretText) Templates.renderConfig(REF, VARS);

    assertThat(Json.write(Map.of("summary", text))).isEqualTo("{\"summary\":\"" + REF + "\"}");
    assertThat(SecretText.plain(Map.of("a", List.of(text)))).isEqualTo(Map.of("a", List.of(REF)));
  }
}
