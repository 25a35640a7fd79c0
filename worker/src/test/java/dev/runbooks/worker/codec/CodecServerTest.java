package dev.runbooks.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.runbooks.starter.security.Role;
import dev.runbooks.starter.security.internal.ApiTokens;
import dev.runbooks.starter.security.oidc.TestIssuer;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.worker.RunbookApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The codec server over real HTTP, in the worker application (embedded Temporal, payload encryption
 * on, the codec server on port 31201 with token authentication and one allowed origin): the round
 * trip, what the worker's data converter stores, the namespace, authentication and roles, CORS, the
 * body limit and a tampered payload.
 */
class CodecServerTest {
  static final String ORIGIN = "http://localhost:31299";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int CODEC_PORT = 31201;

  private static TestIssuer issuer;
  private static ConfigurableApplicationContext app;
  private static String codec;
  private static String viewer;
  private static String operator;

  @BeforeAll
  static void start() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path data = Files.createDirectories(Path.of("target/test-data/codec-" + System.nanoTime()));
    issuer = TestIssuer.start("http://localhost:31200/login/oauth2/code/oidc");
    app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=31200",
                "--runbook.dev.enabled=true",
                "--runbook.security.oidc.issuer-uri=" + issuer.issuer(),
                "--runbook.security.oidc.audience=runbooks",
                "--runbook.temporal.embedded=true",
                "--runbook.temporal.embedded-port=31202",
                "--runbook.schedules.enabled=false",
                "--runbook.catalog.dir=src/test/resources/runbooks",
                "--runbook.data-dir=" + data,
                "--runbook.codec.active-key=k1",
                "--runbook.codec.keys.k1=" + Base64.getEncoder().encodeToString(key),
                "--runbook.codec.server.port=" + CODEC_PORT,
                "--runbook.codec.server.cors-origins=" + ORIGIN,
                "--runbook.codec.server.max-body-size=64KB");
    codec = "http://127.0.0.1:" + CODEC_PORT;
    ApiTokens tokens = app.getBean(ApiTokens.class);
    viewer = tokens.create("codec-viewer", "vera", Role.VIEWER, null).token();
    operator = tokens.create("codec-operator", "otto", Role.OPERATOR, null).token();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (issuer != null) {
      issuer.stop();
    }
  }

  @Test
  void encodeThenDecodeGivesBackTheInput() throws Exception {
    String plain = payloadsJson(plainPayload("{\"who\":\"codec-proof-1234\"}"));
    HttpResponse<String> encoded = post("/encode", plain, "Bearer " + operator, "default");
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(encoded.body()).doesNotContain(b64("codec-proof-1234"));
    JsonNode sealed = JSON.readTree(encoded.body()).path("payloads").path(0);
    assertThat(text(sealed.path("metadata").path("encoding"))).isEqualTo("binary/encrypted");

    HttpResponse<String> decoded = post("/decode", encoded.body(), "Bearer " + viewer, "default");
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(decoded.body())).isEqualTo(JSON.readTree(plain));
  }

  @Test
  void aPayloadTheWorkerEncryptedDecodesToPlainJson() throws Exception {
    DataConverter converter = app.getBean(DataConverter.class);
    Payload stored = converter.toPayload(Map.of("who", "codec-proof-1234")).orElseThrow();
    assertThat(stored.getMetadataOrThrow("encoding").toStringUtf8())
        .isEqualTo(AesGcmPayloadCodec.ENCODING);

    HttpResponse<String> decoded =
        post("/decode", payloadsJson(stored), TestCredentials.BEARER, "default");
    assertThat(decoded.statusCode()).isEqualTo(200);
    JsonNode payload = JSON.readTree(decoded.body()).path("payloads").path(0);
    assertThat(text(payload.path("metadata").path("encoding"))).isEqualTo("json/plain");
    assertThat(JSON.readTree(text(payload.path("data"))))
        .isEqualTo(JSON.readTree("{\"who\":\"codec-proof-1234\"}"));
  }

  @Test
  void anOidcJwtOfTheEnginesIssuerAndAudienceIsAccepted() throws Exception {
    String body = payloadsJson(plainPayload("{\"who\":\"jwt\"}"));
    // The client "runbooks" is in the group runbook-approvers: an approver, so also an operator.
    HttpResponse<String> encoded =
        post("/encode", body, "Bearer " + issuer.token("runbooks"), "default");
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(
            post("/decode", encoded.body(), "Bearer " + issuer.token("runbooks"), "default")
                .statusCode())
        .isEqualTo(200);
    for (String wrong : java.util.List.of("expired", "stranger", "forger")) {
      assertThat(post("/decode", body, "Bearer " + issuer.token(wrong), "default").statusCode())
          .as(wrong)
          .isEqualTo(401);
    }
  }

  @Test
  void aWrongNamespaceIsABadRequest() throws Exception {
    HttpResponse<String> answer =
        post("/decode", payloadsJson(plainPayload("1")), TestCredentials.BEARER, "billing");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo("this codec serves namespace 'default', not 'billing' (X-Namespace)");
    assertThat(
            post("/decode", payloadsJson(plainPayload("1")), TestCredentials.BEARER, "")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void withoutATokenTheAnswerIs401AndAViewerMayNotEncode() throws Exception {
    HttpResponse<String> anonymous =
        post("/decode", payloadsJson(plainPayload("1")), null, "default");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(post("/decode", "{}", "Bearer rbk_" + "A".repeat(43), "default").statusCode())
        .isEqualTo(401);

    HttpResponse<String> viewerEncodes =
        post("/encode", payloadsJson(plainPayload("1")), "Bearer " + viewer, "default");
    assertThat(viewerEncodes.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(viewerEncodes.body()).path("message").asText()).contains("operator");
    assertThat(refused("decode", "unauthorized")).isGreaterThanOrEqualTo(2);
    assertThat(refused("encode", "forbidden")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aPreflightFromTheAllowedOriginIsAnsweredAndAnotherOriginIsRefused() throws Exception {
    HttpResponse<String> allowed = preflight(ORIGIN);
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("content-type", "x-namespace", "authorization");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");

    HttpResponse<String> other = preflight("http://evil.example");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<String> post =
        send(
            request("/decode", payloadsJson(plainPayload("1")), TestCredentials.BEARER, "default")
                .header("Origin", ORIGIN));
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    String big = payloadsJson(plainPayload("\"" + "x".repeat(70_000) + "\""));
    HttpResponse<String> answer = post("/decode", big, TestCredentials.BEARER, "default");
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("payload too large");
  }

  @Test
  void aTamperedPayloadGetsAClearError() throws Exception {
    Payload stored = app.getBean(DataConverter.class).toPayload("codec-proof-1234").orElseThrow();
    byte[] data = stored.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = stored.toBuilder().setData(ByteString.copyFrom(data)).build();
    HttpResponse<String> answer =
        post(
            "/decode",
            payloadsJson(plainPayload("1"), tampered),
            TestCredentials.BEARER,
            "default");
    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.path("message").asText())
        .isEqualTo(
            "payload 1 cannot be decoded: encrypted payload failed authentication (key 'k1')");
    assertThat(answer.body()).doesNotContain("Exception", "at dev.", "javax");

    HttpResponse<String> garbage =
        post("/decode", "{\"payloads\": 7}", TestCredentials.BEARER, "default");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(garbage.body()).path("message").asText()).contains("proto3 JSON");
  }

  @Test
  void theTemporalCliShowsPlainPayloadsThroughTheCodecServer() throws Exception {
    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:31200/api/runbooks/greet/runs"))
                .header("Authorization", TestCredentials.BEARER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"who\":\"codec-proof-1234\"}")));
    assertThat(started.statusCode()).isEqualTo(201);
    String id = JSON.readTree(started.body()).path("workflowId").asText();
    Instant deadline = Instant.now().plusSeconds(60);
    String stored = cli("workflow", "show", "-w", id, "--output", "json");
    while (!stored.contains("WORKFLOW_EXECUTION_COMPLETED")) {
      assertThat(Instant.now()).as("run %s completes", id).isBefore(deadline);
      Thread.sleep(200);
      stored = cli("workflow", "show", "-w", id, "--output", "json");
    }
    // Without the codec: the input as Temporal stores it (proto3 JSON: metadata in base64).
    assertThat(stored).contains(b64("binary/encrypted")).doesNotContain("codec-proof-1234");
    assertThat(stored).doesNotContain(b64("{\"who\":\"codec-proof-1234\""));

    // Without --namespace the CLI sends an empty X-Namespace: the worker's namespace is meant.
    String plain =
        cliWithoutNamespace(
            "workflow",
            "show",
            "-w",
            id,
            "--codec-endpoint",
            codec,
            "--codec-auth",
            "Bearer " + viewer);
    Files.writeString(Path.of("target/codec-cli-show.txt"), plain);
    assertThat(plain).contains("codec-proof-1234").doesNotContain("binary/encrypted");
  }

  /** Runs the Temporal CLI against the embedded server; its output (stdout and stderr). */
  private static String cli(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(args));
    command.addAll(java.util.List.of("--namespace", "default"));
    return cliWithoutNamespace(command.toArray(String[]::new));
  }

  private static String cliWithoutNamespace(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(temporalCli());
    command.addAll(java.util.List.of(args));
    command.addAll(java.util.List.of("--address", "127.0.0.1:31202"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static String temporalCli() {
    String named = System.getenv("TEMPORAL_CLI");
    Path cli =
        named != null
            ? Path.of(named)
            : Path.of("..", ".tools", "bin", "temporal").toAbsolutePath();
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException(
          "the Temporal CLI is needed: run 'make tools', or name it with TEMPORAL_CLI=/path");
    }
    return cli.toString();
  }

  private static double refused(String endpoint, String outcome) {
    var counter =
        app.getBean(MeterRegistry.class)
            .find(CodecMetrics.NAME)
            .tags("endpoint", endpoint, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static Payload plainPayload(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json))
        .build();
  }

  private static String payloadsJson(Payload... payloads) throws Exception {
    return JsonFormat.printer()
        .print(Payloads.newBuilder().addAllPayloads(java.util.List.of(payloads)).build());
  }

  private static String text(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpRequest.Builder request(
      String path, String body, String authorization, String namespace) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(codec + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (namespace != null) {
      request.header("X-Namespace", namespace);
    }
    return request;
  }

  private static HttpResponse<String> post(
      String path, String body, String authorization, String namespace) throws Exception {
    return send(request(path, body, authorization, namespace));
  }

  private static HttpResponse<String> preflight(String origin) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(codec + "/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization"));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
