package dev.runbooks.workflows.internal;

import dev.runbooks.language.expr.Templates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Renders the templates of an action's config, leaving the kind's expression fields (CEL that the
 * executor evaluates against the result) untouched, and rendering its URL fields with {@link
 * Templates#renderUrl} (values in path and query positions percent-encoded as one component).
 * Strings where the source wrote {@code ${{ secrets.NAME }}} come back as {@link
 * dev.runbooks.language.expr.SecretText} (see {@link Templates#renderConfig}); {@link
 * dev.runbooks.language.steps.ActionRequest#rendered} turns them into the request's text and secret
 * positions.
 */
final class ConfigRenderer {
  private ConfigRenderer() {}

  static Map<String, Object> render(
      Map<String, Object> config, Set<String> expressionFields, Map<String, Object> variables) {
    return render(config, expressionFields, Set.of(), variables);
  }

  static Map<String, Object> render(
      Map<String, Object> config,
      Set<String> expressionFields,
      Set<String> urlFields,
      Map<String, Object> variables) {
    return renderMap(config, "", expressionFields, urlFields, variables);
  }

  private static Map<String, Object> renderMap(
      Map<String, Object> map,
      String prefix,
      Set<String> keep,
      Set<String> urls,
      Map<String, Object> variables) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (var e : map.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      Object v = e.getValue();
      if (keep.contains(path)) {
        out.put(e.getKey(), v);
      } else if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) m;
        out.put(e.getKey(), renderMap(child, path, keep, urls, variables));
      } else if (urls.contains(path) && v instanceof String text) {
        out.put(e.getKey(), Templates.renderUrl(text, variables));
      } else {
        out.put(e.getKey(), Templates.renderConfigTree(v, variables));
      }
    }
    return out;
  }
}
