package dev.runbooks.testbed.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One request to a system: method, path, path parameters, query parameters and the body (JSON when
 * it parses, else a JSON string of the text; an empty object when there is none).
 */
public record Request(
    String method,
    String path,
    Map<String, String> params,
    Map<String, String> query,
    Map<String, String> headers,
    JsonNode body,
    String rawBody) {

  /** A path parameter. */
  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no parameter '" + name + "'");
    }
    return value;
  }

  /** A query parameter, or the fallback when absent. */
  public String query(String name, String fallback) {
    return query.getOrDefault(name, fallback);
  }

  /** A body field as text, or the fallback when absent or null. */
  public String text(String field, String fallback) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  /** A body field as a number, or the fallback when absent or null. */
  public double number(String field, double fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber() && !value.asText().matches("-?[0-9.]+")) {
      throw new IllegalArgumentException("'" + field + "' must be a number, not " + value);
    }
    return value.asDouble();
  }

  /** A header (names in lower case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
