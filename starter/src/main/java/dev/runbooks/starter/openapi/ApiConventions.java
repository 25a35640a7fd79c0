package dev.runbooks.starter.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every operation of the document says the same way, as the filters and error handlers in
 * front of the controllers make it so: its security requirement ({@link ApiSecurity}) and the error
 * responses it can answer, each with the one error body ({@link ApiErrors}). A response a
 * controller declares itself keeps its description. Also describes the document's own endpoints.
 */
final class ApiConventions implements OpenApiCustomizer {
  private static final Set<PathItem.HttpMethod> WITH_BODY =
      Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH);

  @Override
  public void customise(OpenAPI openApi) {
    Paths paths = openApi.getPaths() == null ? new Paths() : openApi.getPaths();
    openApi.setPaths(normalized(paths));
    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    openApi.getComponents().addSchemas(ApiErrors.SCHEMA, ApiErrors.schema());
    describeDocument(openApi.getPaths());
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> complete(path, method, operation)));
  }

  /** The paths as {@link OpenApiPaths} writes them, with the path variables they name. */
  private static Paths normalized(Paths paths) {
    Paths normalized = new Paths();
    normalized.setExtensions(paths.getExtensions());
    paths.forEach(
        (path, item) -> {
          String documented = OpenApiPaths.documented(path);
          if (!documented.equals(path)) {
            item.readOperations().forEach(ApiConventions::splitRunPath);
          }
          PathItem existing = normalized.get(documented);
          if (existing == null) {
            normalized.addPathItem(documented, item);
          } else {
            item.readOperationsMap().forEach(existing::operation);
          }
        });
    return normalized;
  }

  /** The run actions' catch-all {@code path} as the run's {@code id} and the {@code action}. */
  private static void splitRunPath(Operation operation) {
    if (operation.getParameters() != null) {
      operation
          .getParameters()
          .removeIf(p -> "path".equals(p.getIn()) && "path".equals(p.getName()));
    }
    operation.addParametersItem(
        new Parameter()
            .in("path")
            .name("id")
            .required(true)
            .description(
                "The run's workflow id, runbook/<name>/<uuid>: its slashes are sent as is.")
            .schema(new StringSchema()));
    StringSchema actions = new StringSchema();
    List.of("approve", "reject", "acknowledge", "abort", "retry").forEach(actions::addEnumItem);
    operation.addParametersItem(
        new Parameter()
            .in("path")
            .name("action")
            .required(true)
            .description("What to do with the run.")
            .schema(actions));
  }

  private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
    boolean webhook = path.startsWith("/webhooks/");
    if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
      operation.setSecurity(webhook ? ApiSecurity.webhooks() : ApiSecurity.api());
    }
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    if (webhook) {
      WebhookOperations.complete(operation, responses);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
    if (parameters || operation.getRequestBody() != null || webhook) {
      errors.put("400", webhook ? "The payload is invalid." : "The request is invalid.");
    }
    errors.put(
        "401",
        webhook
            ? "The source's credentials or signature are missing or wrong."
            : "No valid API token or OIDC access token.");
    if (!webhook) {
      errors.put("403", "The caller's role does not allow this request, or a policy refuses it.");
    }
    if (path.contains("{")) {
      errors.put("404", "Not found.");
    }
    if (webhook) {
      errors.put("413", "The body is larger than runbook.intake.max-body-size.");
    }
    if (webhook || WITH_BODY.contains(method)) {
      errors.put("415", "The body is not sent as Content-Type: application/json.");
    }
    errors.put("500", "The request failed on the server; the log has the correlation id.");
    if (webhook) {
      errors.put(
          "503", "The alert inbox is unavailable; retry later (after the Retry-After seconds).");
    }
    errors.forEach(
        (code, description) -> {
          if (!responses.containsKey(code)) {
            responses.addApiResponse(code, ApiErrors.response(description));
          }
        });
    responses.forEach(
        (code, response) -> {
          if (code.startsWith("4") || code.startsWith("5")) {
            response.setContent(null);
            ApiErrors.complete(response);
          }
        });
    if (webhook) {
      for (Parameter header : signatureHeaders()) {
        boolean present =
            operation.getParameters() != null
                && operation.getParameters().stream()
                    .anyMatch(p -> header.getName().equals(p.getName()));
        if (!present) {
          operation.addParametersItem(header);
        }
      }
    }
  }

  /** The headers of a signed (auth.type hmac) delivery besides webhook-signature. */
  private static List<Parameter> signatureHeaders() {
    return List.of(
        new Parameter()
            .in("header")
            .name("webhook-id")
            .required(false)
            .description(
                "Sources with auth.type hmac: the delivery's id, at most 256 characters; a"
                    + " delivery whose id was seen before is answered 200 as a duplicate.")
            .schema(new StringSchema().maxLength(256)),
        new Parameter()
            .in("header")
            .name("webhook-timestamp")
            .required(false)
            .description(
                "Sources with auth.type hmac: when the delivery was signed, in Unix seconds.")
            .schema(new StringSchema().pattern("^[0-9]+$")));
  }

  /** The document's own endpoints, which springdoc leaves out. */
  private static void describeDocument(Paths paths) {
    paths.addPathItem(
        OpenApiEnvironment.PATH,
        new PathItem()
            .get(
                document(
                    "getOpenApiDocument",
                    "The OpenAPI description of this API, as JSON.",
                    "application/json")));
    paths.addPathItem(
        OpenApiEnvironment.PATH + ".yaml",
        new PathItem()
            .get(
                document(
                    "getOpenApiDocumentYaml",
                    "The OpenAPI description of this API, as YAML.",
                    "application/vnd.oai.openapi")));
  }

  private static Operation document(String id, String summary, String type) {
    return new Operation()
        .operationId(id)
        .summary(summary)
        .description("Generated from the code; needs the viewer role.")
        .addTagsItem("openapi")
        .responses(
            new ApiResponses()
                .addApiResponse(
                    "200",
                    new ApiResponse()
                        .description("The document.")
                        .content(
                            new Content()
                                .addMediaType(type, new MediaType().schema(new ObjectSchema())))));
  }
}
