package dev.runbooks.bench.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A small JSON client over {@link HttpClient} for the worker's API and the testbed: requests to the
 * worker's {@code /api/} and {@code /actuator/} paths carry {@link #API_TOKEN} as a bearer.
 */
public final class Http {
  /** The JSON mapper the benchmarks share. */
  public static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The admin API token of this bench process: {@link Stack} starts the worker with it as its
   * bootstrap token ({@code rbk_} and 43 random base64url characters).
   */
  public static final String API_TOKEN = "rbk_" + randomBase64Url(32);

  private final HttpClient client;

  /** A client whose requests run on the given executor. */
  public Http(Executor executor) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .build();
  }

  /** A client on the default executor. */
  public Http() {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** A GET that must answer 2xx; returns the JSON body (an empty object when blank). */
  public JsonNode get(String url) throws IOException, InterruptedException {
    return send("GET", url, null);
  }

  /** A POST of a JSON body that must answer 2xx; returns the JSON body. */
  public JsonNode post(String url, Object body) throws IOException, InterruptedException {
    return send("POST", url, body);
  }

  /** A request whose answer must be 2xx; returns the JSON body. */
  public JsonNode send(String method, String url, Object body)
      throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request(method, url, body), ofString());
    return check(method, url, response);
  }

  /** An asynchronous POST of a JSON body; completes with the raw response. */
  public CompletableFuture<HttpResponse<String>> postAsync(String url, String json) {
    HttpRequest request =
        authorized(HttpRequest.newBuilder(URI.create(url)), URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return client.sendAsync(request, ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /** That many random bytes. */
  static byte[] randomBytes(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return random;
  }

  /** Random bytes as base64url without padding. */
  static String randomBase64Url(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }

  private static HttpRequest.Builder authorized(HttpRequest.Builder request, URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
      request.header("Authorization", "Bearer " + API_TOKEN);
    }
    return request;
  }

  private static HttpRequest request(String method, String url, Object body) throws IOException {
    URI uri = URI.create(url);
    HttpRequest.Builder request =
        authorized(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)), uri);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return request.build();
  }

  private static JsonNode check(String method, String url, HttpResponse<String> response)
      throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    String text = response.body();
    return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
  }
}
