package dev.runbooks.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.runbooks.language.RunbookException;
import dev.runbooks.language.expr.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small JSON client of the runbook HTTP API, on {@link java.net.http.HttpClient}: every request
 * says it comes from the CLI ({@code X-Runbook-Channel: cli}) and carries the token, when there is
 * one, as {@code Authorization: Bearer}; a 401 or 403 becomes an {@link ApiError} that says what to
 * do.
 */
public final class ApiClient {
  /** The header that names the channel a request comes from. */
  public static final String CHANNEL_HEADER = "X-Runbook-Channel";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final URI base;
  private final Optional<TokenSource.Found> token;
  private final HttpClient http;
  private volatile Map<String, Object> last;

  /**
   * Creates a client of the API at the given base address, such as http://localhost:8080, that
   * sends the given token.
   */
  public ApiClient(URI base, Optional<TokenSource.Found> token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * The JSON body of the last answer, an error's included, or null before the first; what {@code -o
   * json} prints for commands that send one request.
   */
  public Map<String, Object> lastAnswer() {
    return last;
  }

  /** The base address. */
  public URI base() {
    return base;
  }

  /** GETs a path and returns the JSON object answered. */
  public Map<String, Object> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** POSTs a JSON body to a path and returns the JSON object answered. */
  public Map<String, Object> post(String path, Object body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
  }

  /** PUTs a JSON body to a path and returns the JSON object answered. */
  public Map<String, Object> put(String path, Object body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
  }

  /**
   * DELETEs a path and returns the JSON object answered; with an empty JSON body, as the API wants
   * of every state-changing call.
   */
  public Map<String, Object> delete(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofString("{}")));
  }

  /** A run id as a URL path: each segment encoded, the slashes kept. */
  public static String pathOf(String id) {
    return Arrays.stream(id.split("/", -1))
        .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("/"));
  }

  /** A value encoded for a URL query. */
  public static String queryOf(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Map<String, Object> send(HttpRequest.Builder request) {
    request.header("Accept", "application/json").header(CHANNEL_HEADER, "cli");
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t.token()));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ApiError(
          0, "cannot reach the runbook API at " + base + " (is it running? try `make run`)", null);
    } catch (IOException e) {
      throw new ApiError(0, "request to " + base + " failed: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted", null);
    }
    Map<String, Object> body = parse(response.body());
    last = body;
    if (response.statusCode() == 401) {
      throw new ApiError(401, notAuthenticated(), body);
    }
    if (response.statusCode() == 403 && body.get("result") == null) {
      throw new ApiError(403, "not allowed: " + reason(body) + " (403)", body);
    }
    if (response.statusCode() >= 400) {
      Object error = body.get("error");
      String message =
          error == null
              ? "HTTP " + response.statusCode()
              : error + " (" + response.statusCode() + ")";
      throw new ApiError(response.statusCode(), message, body);
    }
    return body;
  }

  private String notAuthenticated() {
    return token
        .map(
            t ->
                "not authenticated: the API refused the token from "
                    + t.origin()
                    + " (unknown, revoked or expired?); pass --token or set RUNBOOK_TOKEN")
        .orElse("not authenticated: pass --token or set RUNBOOK_TOKEN");
  }

  /** The server's reason in an error body: its reason, else its error, else its message. */
  public static String reason(Map<String, Object> body) {
    for (String key : new String[] {"reason", "error", "message"}) {
      Object value = body.get(key);
      if (value != null && !value.toString().isBlank()) {
        return value.toString();
      }
    }
    return "the API refused the request";
  }

  private static Map<String, Object> parse(String text) {
    if (text == null || text.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      return Json.mapper().readValue(text, MAP);
    } catch (JsonProcessingException e) {
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("error", text.length() > 200 ? text.substring(0, 200) + "..." : text);
      return raw;
    }
  }

  /** The API answered with an error status, or could not be reached (status 0). */
  public static final class ApiError extends RunbookException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, Object> body;

    ApiError(int status, String message, Map<String, Object> body) {
      super(message);
      this.status = status;
      this.body = body == null ? Map.of() : body;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
      return status;
    }

    /** The JSON body of the answer, or an empty map. */
    public Map<String, Object> body() {
      return body;
    }
  }
}
