package dev.runbooks.starter.openapi;

import dev.runbooks.starter.internal.ErrorText;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Map;

/**
 * The one error body of the API and the webhooks, as ApiErrorHandler, JsonErrorController, the
 * security filters (JsonErrors) and the webhooks (WebhookException) write it: {@code error} always;
 * {@code correlationId} and {@code message} from all of those (a few refusals written by the
 * controllers themselves, such as an unknown alert, carry {@code error} alone); the details of some
 * errors besides.
 */
final class ApiErrors {
  /** The name of the error body's schema under {@code components/schemas}. */
  static final String SCHEMA = "Error";

  /** The reference to the error body's schema. */
  static final String REF = "#/components/schemas/" + SCHEMA;

  private ApiErrors() {}

  /** The error body. */
  static Schema<?> schema() {
    ObjectSchema schema = new ObjectSchema();
    schema.setDescription(
        "An error. No error body carries class names, stack frames, SQL or gRPC text: the"
            + " server's log has them under the correlation id.");
    schema.setRequired(List.of("error"));
    schema.setAdditionalProperties(Boolean.TRUE);
    schema.addProperty(
        "error",
        new StringSchema()
            .description(
                "What went wrong, in a few words (the reason phrase for HTTP-level errors:"
                    + " 'unauthorized', 'not found', ...)."));
    schema.addProperty(
        "message",
        new StringSchema().description("What went wrong and what to do, in a sentence."));
    schema.addProperty(
        "correlationId",
        new StringSchema()
            .format("uuid")
            .description(
                "Names this failure in the server's log; also in the X-Correlation-Id header."
                    + " Absent from a few refusals written by the controllers themselves."));
    schema.addProperty(
        "path",
        new StringSchema().description("The path requested (errors outside the controllers)."));
    schema.addProperty(
        "field",
        new StringSchema().description("The offending field of an invalid webhook payload."));
    schema.addProperty(
        "result", new StringSchema().description("'not-allowed' when a policy refuses an action."));
    schema.addProperty(
        "reason", new StringSchema().description("Why a policy refused the action."));
    return schema;
  }

  /** An error response with the error body and the correlation header. */
  static ApiResponse response(String description) {
    return new ApiResponse().description(description).content(content()).headers(headers());
  }

  /** Gives an error response without a body the error body and the correlation header. */
  static void complete(ApiResponse response) {
    if (response.getContent() == null || response.getContent().isEmpty()) {
      response.setContent(content());
    }
    if (response.getHeaders() == null || !response.getHeaders().containsKey(ErrorText.HEADER)) {
      headers().forEach(response::addHeaderObject);
    }
  }

  private static Content content() {
    return new Content()
        .addMediaType(
            org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
            new MediaType().schema(new Schema<>().$ref(REF)));
  }

  private static Map<String, Header> headers() {
    return Map.of(
        ErrorText.HEADER,
        new Header()
            .description("The correlation id of the error, as in the body.")
            .schema(new StringSchema().format("uuid")));
  }
}
