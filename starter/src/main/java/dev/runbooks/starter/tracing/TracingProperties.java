package dev.runbooks.starter.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of OpenTelemetry tracing ({@code runbook.tracing.*}). The exporter, sampler, service
 * name and resource come from OpenTelemetry's standard {@code OTEL_*} environment variables (or
 * {@code otel.*} system properties), read by the SDK's autoconfiguration.
 *
 * @param enabled whether the engine traces at all: off by default, and then no OpenTelemetry SDK or
 *     exporter is created, no header is read or sent and no trace context is stored
 */
@Validated
@ConfigurationProperties("runbook.tracing")
public record TracingProperties(@DefaultValue("false") boolean enabled) {}
