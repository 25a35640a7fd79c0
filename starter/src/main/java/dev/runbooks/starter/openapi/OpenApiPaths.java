package dev.runbooks.starter.openapi;

import java.util.Map;

/**
 * How a path that Spring routes is written in the OpenAPI document. Spring's catch-all variables
 * ({@code {*id}}: a workflow id, which has slashes) become plain ones ({@code {id}}); the run
 * actions, routed as {@code /api/runs/{*path}} (the id and then the action), are written as {@code
 * /api/runs/{id}/{action}}, which says what a client sends.
 */
public final class OpenApiPaths {
  /** The routes whose one catch-all variable holds more than one part, as the document has them. */
  static final Map<String, String> SPLIT = Map.of("/api/runs/{path}", "/api/runs/{id}/{action}");

  private OpenApiPaths() {}

  /** The document's path for a Spring path pattern (or a path springdoc wrote from one). */
  public static String documented(String pattern) {
    String plain = pattern.replace("{*", "{");
    return SPLIT.getOrDefault(plain, plain);
  }
}
