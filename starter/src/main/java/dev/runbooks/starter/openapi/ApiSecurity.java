package dev.runbooks.starter.openapi;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security schemes of the document, as the code checks them: {@code /api} takes a bearer token
 * that is an engine API token ({@code rbk_...}, SecurityChains and BearerAuthentication) or an OIDC
 * access token (a JWT from the configured issuer); each webhook source takes what {@code
 * runbook.intake.sources.<name>.auth.type} says (SourceAuthenticator): a bearer token, basic
 * credentials, or a Standard Webhooks HMAC signature.
 */
final class ApiSecurity {
  static final String API_TOKEN = "apiToken";
  static final String OIDC = "oidc";
  static final String WEBHOOK_BEARER = "webhookBearer";
  static final String WEBHOOK_BASIC = "webhookBasic";
  static final String WEBHOOK_SIGNATURE = "webhookSignature";

  private ApiSecurity() {}

  /** The schemes, by name. */
  static Map<String, SecurityScheme> schemes() {
    Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
    schemes.put(
        API_TOKEN,
        new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("rbk_<token>")
            .description(
                "An engine API token (rbk_...), made with POST /api/tokens or configured as"
                    + " runbook.security.bootstrap.token; its role is the token's."));
    schemes.put(
        OIDC,
        new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description(
                "An OIDC access token (a JWT) from runbook.security.oidc.issuer-uri for its"
                    + " audience; its role comes from its groups (runbook.security.roles)."));
    schemes.put(
        WEBHOOK_BEARER,
        new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .description(
                "A source with auth.type bearer: the token of"
                    + " runbook.intake.sources.<name>.auth.token (or token-file)."));
    schemes.put(
        WEBHOOK_BASIC,
        new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("basic")
            .description(
                "A source with auth.type basic: runbook.intake.sources.<name>.auth.username and"
                    + " password (or password-file)."));
    schemes.put(
        WEBHOOK_SIGNATURE,
        new SecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name("webhook-signature")
            .description(
                "A source with auth.type hmac (Standard Webhooks): webhook-signature carries"
                    + " 'v1,<base64 HMAC-SHA256>' of '<webhook-id>.<webhook-timestamp>.<body>'"
                    + " under the whsec_ secret of runbook.intake.sources.<name>.auth.secret;"
                    + " webhook-id and webhook-timestamp (Unix seconds, within"
                    + " runbook.intake.signature-tolerance of now) are required too, and a"
                    + " webhook-id seen before is answered as a duplicate."));
    return schemes;
  }

  /** Any one of the API's bearer tokens. */
  static List<SecurityRequirement> api() {
    return List.of(
        new SecurityRequirement().addList(API_TOKEN), new SecurityRequirement().addList(OIDC));
  }

  /** Any one of the webhook sources' schemes, as the source is configured. */
  static List<SecurityRequirement> webhooks() {
    return List.of(
        new SecurityRequirement().addList(WEBHOOK_BEARER),
        new SecurityRequirement().addList(WEBHOOK_BASIC),
        new SecurityRequirement().addList(WEBHOOK_SIGNATURE));
  }
}
