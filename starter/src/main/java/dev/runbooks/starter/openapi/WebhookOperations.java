package dev.runbooks.starter.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * What every webhook operation says the same way, as the intake answers every source alike: a
 * required JSON object as the body (the operation's description says whose payload), 202 when the
 * alerts are stored and 200 for a delivery seen before.
 */
final class WebhookOperations {
  private WebhookOperations() {}

  /** Adds the body and the success responses the operation does not declare itself. */
  static void complete(Operation operation, ApiResponses responses) {
    if (operation.getRequestBody() == null) {
      operation.setRequestBody(
          new RequestBody()
              .required(true)
              .description("The notification as the source sends it: a JSON object.")
              .content(
                  new Content()
                      .addMediaType(
                          "application/json", new MediaType().schema(new ObjectSchema()))));
    }
    responses.remove("200");
    responses.addApiResponse(
        "202",
        new ApiResponse()
            .description("The alerts are stored in the inbox; the body lists their ids."));
    responses.addApiResponse(
        "200",
        new ApiResponse()
            .description("A delivery (webhook-id) seen before: nothing is stored again."));
  }
}
