package dev.runbooks.starter.ui;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the web page under {@code /ui} ({@code runbook.ui.*}).
 *
 * @param enabled whether the page is served
 * @param refresh how often the page of a running run reloads itself (zero: never)
 * @param recentRuns how many runs the home and runbook pages list
 */
@Validated
@ConfigurationProperties("runbook.ui")
public record RunbookUiProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5s") Duration refresh,
    @DefaultValue("15") @Min(1) int recentRuns) {}
