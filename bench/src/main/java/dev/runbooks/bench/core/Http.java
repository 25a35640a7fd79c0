package dev.runbooks.bench.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A small JSON client over {@link HttpClient} for the worker's API and the testbed. */
public final class Http {
  /** The JSON mapper the benchmarks share. */
  public static final ObjectMapper JSON = new ObjectMapper();

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
        engine(HttpRequest.newBuilder(URI.create(url)), url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return client.sendAsync(request, ofString());
  }

  /**
   * The request with the worker's bootstrap token ({@link Stack#API_TOKEN}) when it goes to the
   * engine's API or actuator; the testbed's and the webhooks' requests go without it.
   */
  private static HttpRequest.Builder engine(HttpRequest.Builder request, String url) {
    String path = URI.create(url).getRawPath();
    if (path != null && (path.startsWith("/api/") || path.startsWith("/actuator/"))) {
      request.header("Authorization", "Bearer " + Stack.API_TOKEN);
    }
    return request;
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static HttpRequest request(String method, String url, Object body) throws IOException {
    HttpRequest.Builder request =
        engine(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)), url);
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
