package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runbooks.starter.openapi.OpenApiPaths;
import dev.runbooks.starter.testing.TestCredentials;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at {@code /api/openapi.json}, on the real application (the starter role,
 * with every controller): it is valid OpenAPI 3, describes every handler mapped under {@code /api}
 * and {@code /webhooks} (as Spring routes them) with an operation id, a tag, a summary, a security
 * requirement and the shared error body, needs a token like the rest of the API, and is what
 * docs/openapi.json holds. {@code -Dopenapi.write=true} rewrites docs/openapi.json instead.
 */
class OpenApiDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CHECKED_IN = Path.of("../docs/openapi.json");
  private static final String ERROR_REF = "#/components/schemas/Error";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext app;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createDirectories(Path.of("target/test-data/openapi-" + System.nanoTime()));
    int temporal;
    try (ServerSocket socket = new ServerSocket(0)) {
      temporal = socket.getLocalPort();
    }
    app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=0",
                "--runbook.worker.enabled=false",
                "--runbook.temporal.embedded=true",
                "--runbook.temporal.embedded-port=" + temporal,
                "--runbook.catalog.dir=src/test/resources/runbooks",
                "--runbook.data-dir=" + data);
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void withoutATokenTheDocumentIsRefused() throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(401);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("error").asText()).isEqualTo("unauthorized");
    assertThat(body.path("correlationId").asText()).isNotEmpty();
  }

  @Test
  void aViewerReadsAValidOpenApi3Document() throws Exception {
    String viewer = viewerToken();
    HttpResponse<String> answer = get("/api/openapi.json", viewer);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    SwaggerParseResult parsed = parse(answer.body());
    assertThat(parsed.getMessages()).as("parser messages").isEmpty();
    OpenAPI document = parsed.getOpenAPI();
    assertThat(document.getOpenapi()).startsWith("3.");
    assertThat(document.getComponents().getSecuritySchemes())
        .containsKeys("apiToken", "oidc", "webhookBearer", "webhookBasic", "webhookSignature");
    Schema<?> error = document.getComponents().getSchemas().get("Error");
    List<String> required = error.getRequired();
    assertThat(required).containsExactly("error");
    // springdoc's own path is not served: the document is only at /api/openapi.json.
    assertThat(get("/v3/api-docs", TestCredentials.TOKEN).statusCode()).isNotEqualTo(200);
  }

  @Test
  void everyHandlerUnderApiAndWebhooksIsDescribed() throws Exception {
    OpenAPI document = parse(get("/api/openapi.json", TestCredentials.TOKEN).body()).getOpenAPI();
    RequestMappingHandlerMapping mapping =
        app.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Set<String> handlers = new TreeSet<>();
    mapping.getHandlerMethods().forEach((info, method) -> handlers.addAll(endpoints(info, method)));
    assertThat(handlers)
        .contains("GET /api/runs", "POST /api/runs/{id}/{action}", "POST /webhooks/alertmanager");
    assertThat(handlers).noneMatch(h -> h.contains("/v3/api-docs"));

    Set<String> described = new TreeSet<>();
    Set<String> operationIds = new HashSet<>();
    List<String> problems = new ArrayList<>();
    document
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          String endpoint = method + " " + path;
                          described.add(endpoint);
                          problems.addAll(check(endpoint, operation));
                          if (!operationIds.add(String.valueOf(operation.getOperationId()))) {
                            problems.add(endpoint + ": operation id used twice");
                          }
                        }));
    assertThat(described).as("the document's operations").isEqualTo(handlers);
    assertThat(problems).isEmpty();
  }

  @Test
  void docsOpenApiJsonIsTheServedDocument() throws Exception {
    JsonNode served = JSON.readTree(get("/api/openapi.json", TestCredentials.TOKEN).body());
    String pretty =
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(served) + "\n";
    if (Boolean.getBoolean("openapi.write")) {
      Files.writeString(CHECKED_IN, pretty);
    }
    assertThat(CHECKED_IN).exists();
    assertThat(JSON.readTree(Files.readString(CHECKED_IN)))
        .as(
            "docs/openapi.json is stale: regenerate it with ./mvnw -o -pl worker -am verify"
                + " -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dopenapi.write=true")
        .isEqualTo(served);
  }

  /** What an operation must say; the problems found. */
  private static List<String> check(String endpoint, Operation operation) {
    List<String> problems = new ArrayList<>();
    if (operation.getOperationId() == null || operation.getOperationId().isBlank()) {
      problems.add(endpoint + ": no operation id");
    }
    if (operation.getSummary() == null || operation.getSummary().isBlank()) {
      problems.add(endpoint + ": no summary");
    }
    if (operation.getTags() == null || operation.getTags().isEmpty()) {
      problems.add(endpoint + ": no tag");
    }
    if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
      problems.add(endpoint + ": no security requirement");
    }
    boolean error = false;
    for (var response : operation.getResponses().entrySet()) {
      if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
        boolean shared = errorBody(response.getValue());
        error |= shared;
        if (!shared) {
          problems.add(endpoint + ": response " + response.getKey() + " is not an Error");
        }
      }
    }
    if (!error) {
      problems.add(endpoint + ": no error response");
    }
    return problems;
  }

  private static boolean errorBody(ApiResponse response) {
    if (response.getContent() == null) {
      return false;
    }
    MediaType json = response.getContent().get("application/json");
    return json != null && ERROR_REF.equals(json.getSchema().get$ref());
  }

  /** "METHOD /path" for each of a handler's methods and paths under /api and /webhooks. */
  private static List<String> endpoints(RequestMappingInfo info, HandlerMethod method) {
    List<String> endpoints = new ArrayList<>();
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    for (String pattern : info.getPatternValues()) {
      if (!pattern.startsWith("/api/") && !pattern.startsWith("/webhooks/")) {
        continue;
      }
      assertThat(methods).as(method + " maps no HTTP method").isNotEmpty();
      for (RequestMethod verb : methods) {
        endpoints.add(
            verb.name().toUpperCase(Locale.ROOT) + " " + OpenApiPaths.documented(pattern));
      }
    }
    return endpoints;
  }

  private static SwaggerParseResult parse(String document) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIV3Parser().readContents(document, null, options);
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String viewerToken() throws Exception {
    HttpResponse<String> created =
        HTTP.send(
            TestCredentials.admin(HttpRequest.newBuilder(URI.create(base + "/api/tokens")))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"openapi viewer\", \"role\": \"viewer\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("token").asText();
  }
}
