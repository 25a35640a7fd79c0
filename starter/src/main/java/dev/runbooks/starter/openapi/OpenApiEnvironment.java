package dev.runbooks.starter.openapi;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where springdoc serves the OpenAPI document and what it describes: {@value #PATH} (instead of
 * springdoc's {@code /v3/api-docs}, which is then not mapped at all), the endpoints under {@code
 * /api} and {@code /webhooks} only (not the page under {@code /ui}, nor actuator). These are
 * defaults, the last property source, so that a test may still change them.
 */
public final class OpenApiEnvironment implements EnvironmentPostProcessor {
  /** The path of the OpenAPI document, fixed by the contract of the API. */
  public static final String PATH = "/api/openapi.json";

  static final Map<String, Object> DEFAULTS =
      Map.of(
          "springdoc.api-docs.path", PATH,
          "springdoc.default-produces-media-type", "application/json",
          "springdoc.paths-to-match", "/api/**,/webhooks/**",
          "springdoc.show-actuator", "false",
          "springdoc.swagger-ui.enabled", "false",
          "springdoc.writer-with-order-by-keys", "true");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource("runbookOpenApi", DEFAULTS));
  }
}
