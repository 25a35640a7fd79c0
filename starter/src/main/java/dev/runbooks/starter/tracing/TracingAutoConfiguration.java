package dev.runbooks.starter.tracing;

import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * OpenTelemetry tracing of the engine, off unless {@code runbook.tracing.enabled=true}. On, it uses
 * the application's {@link OpenTelemetry} bean when there is one, else an SDK configured by the
 * standard {@code OTEL_*} variables (OTLP exporter by default), and traces each webhook request
 * with a server span ({@link WebhookTracingFilter}). Off, {@link RunbookTracing#off()} creates
 * nothing: no SDK, no exporter, no filter.
 */
@AutoConfiguration
@EnableConfigurationProperties(TracingProperties.class)
public class TracingAutoConfiguration {

  /** The engine's tracing: off, the application's OpenTelemetry, or the autoconfigured SDK. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  RunbookTracing runbookTracing(
      TracingProperties properties, ObjectProvider<OpenTelemetry> openTelemetry) {
    if (!properties.enabled()) {
      return RunbookTracing.off();
    }
    OpenTelemetry supplied = openTelemetry.getIfAvailable();
    return supplied != null ? RunbookTracing.on(supplied) : RunbookTracing.autoconfigured();
  }

  /** The webhooks' server spans, before security so refused requests are traced too. */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnProperty(prefix = "runbook.tracing", name = "enabled", havingValue = "true")
  FilterRegistrationBean<WebhookTracingFilter> webhookTracingFilter(RunbookTracing tracing) {
    FilterRegistrationBean<WebhookTracingFilter> registration =
        new FilterRegistrationBean<>(new WebhookTracingFilter(tracing));
    registration.addUrlPatterns("/webhooks/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
