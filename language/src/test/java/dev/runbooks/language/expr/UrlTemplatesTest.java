package dev.runbooks.language.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values in URL path and query positions are encoded as one component; {@code raw} opts out. */
class UrlTemplatesTest {
  private static final Map<String, Object> VARS =
      Map.of(
          "inputs",
          Map.of("base_url", "http://jarvis-1:8742/api", "path", "a/b"),
          "alert",
          Map.of("labels", Map.of("circuit", "../../x?injected=1", "dot", "..")));

  @Test
  void aValueInThePathStaysInItsSegment() {
    assertThat(
            Templates.renderUrl(
                "${{ inputs.base_url }}/circuits/${{ alert.labels.circuit }}/reset", VARS))
        .isEqualTo("http://jarvis-1:8742/api/circuits/..%2F..%2Fx%3Finjected%3D1/reset");
    assertThat(Templates.renderUrl("${{ inputs.base_url }}/c/${{ alert.labels.dot }}", VARS))
        .isEqualTo("http://jarvis-1:8742/api/c/%2E%2E");
  }

  @Test
  void aValueInTheQueryIsOneComponent() {
    assertThat(Templates.renderUrl("http://prom:9090/q?name=${{ alert.labels.circuit }}&x=1", VARS))
        .isEqualTo("http://prom:9090/q?name=..%2F..%2Fx%3Finjected%3D1&x=1");
  }

  @Test
  void prefixWholeAndRawValuesAreSplicedAsTheyAre() {
    assertThat(Templates.renderUrl("${{ inputs.base_url }}", VARS))
        .isEqualTo("http://jarvis-1:8742/api");
    assertThat(Templates.renderUrl("http://${{ 'h:1' }}/x", VARS)).isEqualTo("http://h:1/x");
    assertThat(Templates.renderUrl("${{ inputs.base_url }}/${{ raw inputs.path }}", VARS))
        .isEqualTo("http://jarvis-1:8742/api/a/b");
    assertThat(Templates.render("${{ raw inputs.path }}!", VARS)).isEqualTo("a/b!");
    assertThat(Templates.expressionsIn("x ${{ raw inputs.path }}")).containsExactly("inputs.path");
  }

  @Test
  void secretsStayTextMarkedWhereTheSourceWroteThem() {
    String url = "http://jarvis-1:8742/api/k/${{ secrets.KEY }}";
    assertThat(Templates.renderUrl("${{ inputs.base_url }}/k/${{ secrets.KEY }}", VARS))
        .isEqualTo(
            new SecretText(
                url, List.of(new SecretText.Span(url.indexOf("${{"), url.length(), "KEY"))));
  }
}
