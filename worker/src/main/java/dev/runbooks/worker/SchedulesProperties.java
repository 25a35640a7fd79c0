package dev.runbooks.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker keeps Temporal Schedules in step with the {@code schedules:} of the runbooks it
 * serves ({@code runbook.schedules.*}).
 *
 * @param enabled whether the worker creates, updates and deletes the schedules at all; with {@code
 *     false} it leaves every schedule in Temporal as it is
 * @param resyncInterval how often the worker compares every schedule with the catalog even when no
 *     runbook changed, which repairs schedules changed or deleted by hand
 */
@Validated
@ConfigurationProperties("runbook.schedules")
public record SchedulesProperties(
    @DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration resyncInterval) {}
