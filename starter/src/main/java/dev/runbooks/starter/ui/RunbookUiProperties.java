package dev.runbooks.starter.ui;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web page under {@code /ui} ({@code runbook.ui.*}).
 *
 * @param enabled whether the page is served
 * @param allowedOrigins origins besides the server's own host from which the page's forms may post
 *     decisions, such as {@code https://runbooks.example.com} behind a proxy that rewrites the
 *     {@code Host} header
 * @param refresh how often the page of a running run reloads itself (zero: never)
 * @param recentRuns how many runs the home and runbook pages list
 */
@ConfigurationProperties("runbook.ui")
public record RunbookUiProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<String> allowedOrigins,
    @DefaultValue("5s") Duration refresh,
    @DefaultValue("15") int recentRuns) {}
