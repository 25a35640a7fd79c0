package dev.runbooks.worker;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the worker finds runbooks ({@code runbook.catalog.*}).
 *
 * @param dir the directory scanned (recursively) for runbook YAML files
 * @param reloadInterval how often the directory is scanned again for changes
 */
@Validated
@ConfigurationProperties("runbook.catalog")
public record CatalogProperties(
    @DefaultValue("./runbooks-yaml") Path dir, @DefaultValue("2s") Duration reloadInterval) {}
