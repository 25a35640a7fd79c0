package dev.runbooks.starter.intake;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the dispatcher starts runs ({@code runbook.intake.dispatcher.*}), beside the polling settings
 * of {@link IntakeProperties.Dispatcher}.
 *
 * @param parallelism how many groups of alerts (one group per runbook and target) are started at
 *     once; 1 starts them one after the other
 * @param wakeOnAccept whether each accepted notification wakes the dispatcher at once; off, it
 *     finds new alerts at its next poll ({@code interval})
 */
@Validated
@ConfigurationProperties("runbook.intake.dispatcher")
public record DispatchPoolProperties(
    @DefaultValue("8") @Min(1) int parallelism, @DefaultValue("true") boolean wakeOnAccept) {}
