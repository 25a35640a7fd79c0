package dev.runbooks.starter.intake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.starter.inbox.internal.AlertLimits;
import dev.runbooks.starter.inbox.internal.InboxDelivery;
import dev.runbooks.starter.intake.IntakeProperties;
import dev.runbooks.starter.internal.ErrorText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhooks alerts arrive on. Each request is authenticated, size- and type-checked, parsed
 * whole, and its alerts are stored in one transaction before the answer: 202 with the inbox ids.
 * Concurrent requests share that transaction ({@link GroupCommit}); each is answered once it
 * committed. Nothing is stored on any error; transient trouble answers 503 so that senders retry
 * (Alertmanager drops a notification on any 4xx).
 */
@Tag(name = "webhooks")
@RestController
public class WebhookController {
  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  static final String ALERTMANAGER = "alertmanager";
  static final String GRAFANA = "grafana";
  static final String GENERIC = "generic";

  private final IntakeProperties properties;
  private final GroupCommit commits;
  private final BodyReader reader;
  private final Map<String, SourceAuthenticator> authenticators = new ConcurrentHashMap<>();

  /** Creates the webhooks; a source whose authentication is misconfigured fails start-up. */
  public WebhookController(IntakeProperties properties, GroupCommit commits) {
    this.properties = properties;
    this.commits = commits;
    this.reader = new BodyReader(properties.maxBodySize().toBytes());
    for (String source : properties.sources().keySet()) {
      SourceAuthenticator auth = authenticator(source);
      log.info("webhook source '{}': authentication {}", source, auth.type());
    }
  }

  @Operation(
      operationId = "receiveAlertmanagerWebhook",
      summary = "Receives a notification of Prometheus Alertmanager (webhook version 4).",
      description = "The body is the Alertmanager webhook payload.")
  @PostMapping("/webhooks/alertmanager")
  ResponseEntity<Map<String, Object>> alertmanager(HttpServletRequest request) {
    return accept(
        ALERTMANAGER, ALERTMANAGER, request, root -> GroupedPayload.parse(root, ALERTMANAGER, "4"));
  }

  @Operation(
      operationId = "receiveGrafanaWebhook",
      summary = "Receives a notification of Grafana alerting (webhook version 1).",
      description = "The body is the Grafana webhook payload.")
  @PostMapping("/webhooks/grafana")
  ResponseEntity<Map<String, Object>> grafana(HttpServletRequest request) {
    return accept(GRAFANA, GRAFANA, request, root -> GroupedPayload.parse(root, GRAFANA, "1"));
  }

  @Operation(
      operationId = "receiveGenericWebhook",
      summary = "Receives alerts of a generic source configured under runbook.intake.sources.",
      description =
          "The body is a JSON object; the source's fields"
              + " (runbook.intake.sources.<source>.fields) say where the alert's parts are in it.")
  @PostMapping("/webhooks/generic/{source}")
  ResponseEntity<Map<String, Object>> generic(
      @PathVariable String source, HttpServletRequest request) {
    IntakeProperties.Source settings = properties.sources().get(source);
    if (settings == null || ALERTMANAGER.equals(source) || GRAFANA.equals(source)) {
      throw new WebhookException(
          HttpStatus.NOT_FOUND,
          "unknown source",
          "no generic source '"
              + AlertLimits.cap(source.replaceAll("\\p{Cntrl}", "?"), 128)
              + "' is configured (runbook.intake.sources)");
    }
    String name = GENERIC + "/" + source;
    return accept(
        source, name, request, root -> GenericPayload.parse(root, name, settings.fields()));
  }

  private ResponseEntity<Map<String, Object>> accept(
      String configName,
      String source,
      HttpServletRequest request,
      Function<JsonNode, Notification> parser) {
    SourceAuthenticator auth = authenticator(configName);
    auth.checkHeaders(request);
    byte[] body = reader.read(request);
    Instant now = Instant.now();
    String deliveryId = auth.checkSignature(request, body, now);
    JsonNode root = WebhookJson.parse(body);
    Notification notification = parser.apply(root);
    Optional<List<Long>> ids =
        stored(
            source,
            InboxDelivery.of(
                source, deliveryId, notification.alerts(), notification.context(), now));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("source", source);
    if (ids.isEmpty()) {
      answer.put("status", "duplicate");
      answer.put("webhookId", deliveryId);
      answer.put("accepted", 0);
      answer.put("ids", List.of());
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }
    answer.put("status", "accepted");
    answer.put("accepted", ids.get().size());
    answer.put("ids", ids.get());
    answer.put("links", Map.of("alerts", "/api/alerts?source=" + source));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(answer);
  }

  /** Waits until the group commit stored the delivery: its ids, or empty for a replay. */
  private Optional<List<Long>> stored(String source, InboxDelivery delivery) {
    try {
      return commits.submit(delivery).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(source, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof JdbiException || cause instanceof IllegalStateException) {
        throw unavailable(source, cause);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static WebhookException unavailable(String source, Throwable cause) {
    WebhookException unavailable =
        WebhookException.unavailable("the alert inbox is unavailable; retry later");
    log.warn(
        "could not store a notification from {} [correlationId={}]",
        source,
        unavailable.correlationId(),
        cause);
    return unavailable;
  }

  private SourceAuthenticator authenticator(String name) {
    return authenticators.computeIfAbsent(
        name,
        n ->
            new SourceAuthenticator(
                n, properties.source(n).auth(), properties.signatureTolerance()));
  }

  @ExceptionHandler(WebhookException.class)
  ResponseEntity<Map<String, Object>> refused(WebhookException e) {
    if (e.status().is5xxServerError()) {
      log.warn("webhook refused [correlationId={}]: {}", e.correlationId(), e.getMessage());
    } else {
      log.debug("webhook refused [correlationId={}]: {}", e.correlationId(), e.getMessage());
    }
    return ResponseEntity.status(e.status())
        .headers(e.headers())
        .header(ErrorText.HEADER, e.correlationId())
        .contentType(MediaType.APPLICATION_JSON)
        .body(e.body());
  }
}
