package dev.runbooks.worker.metrics;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code runbook.log.format} ({@code RUNBOOK_LOG_FORMAT}): {@code text} (the default) or {@code
 * json}, which turns on Spring Boot's structured console logging in the Elastic Common Schema, one
 * JSON object per line; {@code ecs}, {@code logstash} and {@code gelf} pick a structured format by
 * name. The MDC goes into every object: lines logged by workflow and activity code carry {@code
 * WorkflowId}, {@code RunId}, {@code WorkflowType}, {@code runbook} and {@code step}. An explicit
 * {@code logging.structured.format.console} wins. It runs before the logging system starts, so the
 * first line is already JSON.
 */
public final class LogFormatEnvironment implements EnvironmentPostProcessor {
  /** The property naming the log format. */
  public static final String PROPERTY = "runbook.log.format";

  private static final String STRUCTURED = "logging.structured.format.console";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String format = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
    String structured =
        switch (format) {
          case "", "text" -> null;
          case "json", "ecs" -> "ecs";
          case "logstash", "gelf" -> format;
          default ->
              throw new IllegalArgumentException(
                  PROPERTY
                      + " (RUNBOOK_LOG_FORMAT) must be text, json, ecs, logstash or gelf, got '"
                      + format
                      + "'");
        };
    if (structured != null && !environment.containsProperty(STRUCTURED)) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("runbookLogFormat", Map.of(STRUCTURED, structured)));
    }
  }
}
