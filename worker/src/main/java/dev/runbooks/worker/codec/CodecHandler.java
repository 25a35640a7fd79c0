package dev.runbooks.worker.codec;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.runbooks.starter.security.Role;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's remote codec protocol: {@code POST /encode} and {@code POST /decode} with {@code
 * {"payloads": [...]}} in proto3 JSON, the namespace in {@code X-Namespace}; CORS for the
 * configured origins (the Web UI calls from the browser); JSON errors that name the problem and
 * nothing of the server's insides. Refused calls are logged without their payloads.
 */
final class CodecHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(CodecHandler.class);
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  /** The request headers the Temporal Web UI sends with its codec calls. */
  static final String ALLOWED_HEADERS = "content-type, x-namespace, authorization";

  private final PayloadCodec codec;
  private final CodecAccess access;
  private final String namespace;
  private final Set<String> origins;
  private final long maxBody;
  private final CodecMetrics metrics;

  CodecHandler(
      PayloadCodec codec,
      CodecAccess access,
      String namespace,
      List<String> origins,
      long maxBody,
      CodecMetrics metrics) {
    this.codec = codec;
    this.access = access;
    this.namespace = namespace;
    this.origins = Set.copyOf(origins);
    this.maxBody = maxBody;
    this.metrics = metrics;
  }

  /** A refusal: the status and the message the caller reads. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String outcome;

    Refusal(int status, String outcome, String message) {
      super(message, null, false, false);
      this.status = status;
      this.outcome = outcome;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String endpoint =
        switch (path) {
          case "/encode" -> "encode";
          case "/decode" -> "decode";
          default -> "other";
        };
    try (exchange) {
      try {
        serve(exchange, endpoint);
      } catch (Refusal refusal) {
        metrics.count(endpoint, refusal.outcome);
        log.warn(
            "codec server refused {} {} from {}: {} {}",
            exchange.getRequestMethod(),
            path.length() > 40 ? path.substring(0, 40) + "..." : path,
            exchange.getRemoteAddress().getAddress().getHostAddress(),
            refusal.status,
            refusal.getMessage());
        error(exchange, refusal.status, refusal.getMessage());
      } catch (RuntimeException e) {
        metrics.count(endpoint, "error");
        log.error("codec server failed on {} {}", exchange.getRequestMethod(), endpoint, e);
        error(exchange, 500, "the codec server failed; its log has the details");
      }
    }
  }

  private void serve(HttpExchange exchange, String endpoint) throws IOException, Refusal {
    Headers headers = exchange.getRequestHeaders();
    String origin = headers.getFirst("Origin");
    if (origin != null) {
      if (!origins.contains(origin)) {
        throw new Refusal(403, "origin", "this origin may not call the codec server");
      }
      Headers out = exchange.getResponseHeaders();
      out.set("Access-Control-Allow-Origin", origin);
      out.set("Access-Control-Allow-Credentials", "true");
      out.set("Vary", "Origin");
    }
    if (endpoint.equals("other")) {
      throw new Refusal(404, "not-found", "the codec server answers POST /encode and /decode");
    }
    String method = exchange.getRequestMethod();
    if (method.equals("OPTIONS")) {
      Headers out = exchange.getResponseHeaders();
      out.set("Access-Control-Allow-Methods", "POST, OPTIONS");
      out.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      out.set("Access-Control-Max-Age", "600");
      metrics.count(endpoint, "preflight");
      exchange.sendResponseHeaders(204, -1);
      return;
    }
    if (!method.equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
      throw new Refusal(405, "method", "use POST");
    }
    boolean encode = endpoint.equals("encode");
    CodecAccess.Verdict verdict =
        access.check(headers.getFirst("Authorization"), encode ? Role.OPERATOR : Role.VIEWER);
    if (!verdict.allowed()) {
      if (verdict.status() == 401) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      String who = verdict.principal() == null ? "" : " (" + verdict.principal() + ")";
      throw new Refusal(
          verdict.status(),
          verdict.status() == 401 ? "unauthorized" : "forbidden",
          verdict.reason() + who);
    }
    // The CLI sends an empty X-Namespace when its --namespace is left at the default.
    String asked = headers.getFirst("X-Namespace");
    if (asked != null && !asked.isBlank() && !asked.strip().equals(namespace)) {
      String shown = asked.length() > 64 ? asked.substring(0, 64) + "..." : asked;
      throw new Refusal(
          400,
          "namespace",
          "this codec serves namespace '" + namespace + "', not '" + shown + "' (X-Namespace)");
    }
    Payloads payloads = parse(read(exchange));
    List<Payload> result = encode ? codec.encode(payloads.getPayloadsList()) : decode(payloads);
    byte[] body =
        PRINTER
            .print(Payloads.newBuilder().addAllPayloads(result).build())
            .getBytes(StandardCharsets.UTF_8);
    metrics.count(endpoint, "ok");
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private List<Payload> decode(Payloads payloads) throws Refusal {
    List<Payload> out = new ArrayList<>(payloads.getPayloadsCount());
    for (int i = 0; i < payloads.getPayloadsCount(); i++) {
      try {
        out.addAll(codec.decode(List.of(payloads.getPayloads(i))));
      } catch (PayloadCodecException e) {
        Throwable cause = e.getCause();
        String why =
            cause == null || cause instanceof GeneralSecurityException
                ? e.getMessage()
                : "it is not a payload this codec encrypted";
        throw new Refusal(400, "undecodable", "payload " + i + " cannot be decoded: " + why);
      }
    }
    return out;
  }

  private byte[] read(HttpExchange exchange) throws IOException, Refusal {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > maxBody) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new Refusal(400, "bad-request", "the Content-Length header is not a number");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
      if (body.length > maxBody) {
        throw tooLarge();
      }
      return body;
    }
  }

  private Refusal tooLarge() {
    return new Refusal(413, "too-large", "the body is larger than " + maxBody + " bytes");
  }

  private static Payloads parse(byte[] body) throws Refusal {
    Payloads.Builder builder = Payloads.newBuilder();
    try {
      PARSER.merge(new String(body, StandardCharsets.UTF_8), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new Refusal(
          400,
          "bad-request",
          "the body must be {\"payloads\": [...]} with Temporal payloads in proto3 JSON");
    }
    return builder.build();
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    String reason =
        switch (status) {
          case 400 -> "bad request";
          case 401 -> "unauthorized";
          case 403 -> "forbidden";
          case 404 -> "not found";
          case 405 -> "method not allowed";
          case 413 -> "payload too large";
          default -> "internal server error";
        };
    byte[] body =
        ("{\"error\":\""
                + reason
                + "\",\"message\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(message))
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
