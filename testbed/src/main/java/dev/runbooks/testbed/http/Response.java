package dev.runbooks.testbed.http;

import java.time.Duration;
import java.util.Map;

/**
 * An answer: status, body (serialized as JSON unless it is a {@link String} with a content type),
 * extra headers, and a delay the server waits, outside the system's lock, before answering (to
 * imitate a slow system).
 */
public record Response(
    int status, Object body, String contentType, Map<String, String> headers, Duration delay) {

  /** 200 with a JSON body. */
  public static Response ok(Object body) {
    return new Response(200, body, null, Map.of(), Duration.ZERO);
  }

  /** A status with a JSON body. */
  public static Response status(int status, Object body) {
    return new Response(status, body, null, Map.of(), Duration.ZERO);
  }

  /** A status with a text body of the given content type. */
  public static Response text(int status, String contentType, String body) {
    return new Response(status, body, contentType, Map.of(), Duration.ZERO);
  }

  /** This response with a header added. */
  public Response withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, body, contentType, Map.copyOf(more), delay);
  }

  /** This response, sent after a delay. */
  public Response delayed(Duration by) {
    return new Response(status, body, contentType, headers, by);
  }
}
