package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Why a step failed, as reports show it and as an onFailure handler sees it in {@code error}.
 *
 * @param type the error type: an activity's failure type or one of {@link ErrorTypes}
 * @param message what went wrong
 * @param details the evidence the step produced, if any (left out of JSON when null)
 */
@JsonPropertyOrder({"type", "message", "details"})
public record ErrorReport(
    String type, String message, @JsonInclude(JsonInclude.Include.NON_NULL) Object details) {}
