package dev.runbooks.starter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the runbook HTTP API ({@code runbook.api.*}).
 *
 * @param uiUrl the base address of the Temporal Web UI, used to link each run to its history
 * @param listLimit how many runs {@code GET /api/runs} returns at most
 */
@ConfigurationProperties("runbook.api")
public record RunbookApiProperties(
    @DefaultValue("http://localhost:8233") String uiUrl, @DefaultValue("50") int listLimit) {}
