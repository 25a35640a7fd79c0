package dev.runbooks.testbed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One testbed system started on its own for the testbed's tests, with the small HTTP client they
 * share: a JSON body in (none for {@code null}), the answer as text, as JSON, or as JSON with the
 * HTTP status added as {@code httpStatus}.
 */
public final class OneSystem implements AutoCloseable {
  /** The JSON mapper of the tests. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Testbed testbed;
  private final String base;

  private OneSystem(Testbed testbed, String base) {
    this.testbed = testbed;
    this.base = base;
  }

  /**
   * Starts the named system alone on a free port of 127.0.0.1, keeping its files in {@code dir}.
   */
  public static OneSystem start(Path dir, String system) throws Exception {
    Testbed testbed =
        Testbed.start(
            new TestbedOptions("127.0.0.1", Map.of(), true, dir, null, 0, Set.of(system)));
    return new OneSystem(testbed, testbed.url(system).toString());
  }

  /** The system's base URL, such as {@code http://127.0.0.1:41234}. */
  public String base() {
    return base;
  }

  /** An HTTP answer: its status and body text. */
  public record Answer(int status, String text) {
    /** The body as JSON; a body that is not a JSON object or array (such as metrics) as text. */
    public JsonNode body() {
      String s = text.strip();
      if (s.startsWith("{") || s.startsWith("[")) {
        try {
          return JSON.readTree(s);
        } catch (JsonProcessingException e) {
          // not JSON after all: the text
        }
      }
      return JSON.getNodeFactory().textNode(text);
    }

    /** The body as JSON, with the status added as {@code httpStatus} when it is an object. */
    public JsonNode withStatus() {
      JsonNode body = body();
      if (body instanceof ObjectNode object) {
        object.put("httpStatus", status);
      }
      return body;
    }
  }

  /** Sends a request with extra headers; a non-null body goes as JSON. */
  public Answer send(String method, String path, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    headers.forEach(request::header);
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** Sends a request; a non-null body goes as JSON. */
  public Answer send(String method, String path, Object body)
      throws IOException, InterruptedException {
    return send(method, path, body, Map.of());
  }

  /**
   * Sends a request; the answer as JSON with {@code httpStatus} (see {@link Answer#withStatus}).
   */
  public JsonNode call(String method, String path, Object body)
      throws IOException, InterruptedException {
    return send(method, path, body).withStatus();
  }

  /** GET; the answer as JSON with {@code httpStatus}. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    return call("GET", path, null);
  }

  @Override
  public void close() {
    testbed.close();
  }
}
