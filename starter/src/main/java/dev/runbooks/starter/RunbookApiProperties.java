package dev.runbooks.starter;

import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the runbook HTTP API ({@code runbook.api.*}).
 *
 * @param uiUrl the base address of the Temporal Web UI, used to link each run to its history
 * @param listLimit how many runs {@code GET /api/runs} returns at most
 * @param publicUrl the address users and the worker's approval links reach the API at, such as
 *     {@code https://runbooks.example.com}; unset: {@code http://localhost:8080} for links, and no
 *     extra allowed host
 * @param allowedHosts the host names requests may carry in their {@code Host} header (a guard
 *     against DNS rebinding); empty: localhost, 127.0.0.1 and [::1]. The host of {@code public-url}
 *     is always allowed.
 */
@Validated
@ConfigurationProperties("runbook.api")
public record RunbookApiProperties(
    @DefaultValue("http://localhost:8233") String uiUrl,
    @DefaultValue("50") @Min(1) int listLimit,
    String publicUrl,
    List<String> allowedHosts) {

  /** Normalizes an absent list to an empty one and a blank address to none. */
  public RunbookApiProperties {
    publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl;
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }
}
