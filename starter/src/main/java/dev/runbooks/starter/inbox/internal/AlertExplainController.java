package dev.runbooks.starter.inbox.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/alerts/{id}/explain}: why an alert did or did not start a run ({@link
 * AlertExplanation}).
 */
@Tag(name = "alerts")
@RestController
public class AlertExplainController {
  private final AlertExplainer explainer;

  /** Creates the endpoint over the explainer. */
  public AlertExplainController(AlertExplainer explainer) {
    this.explainer = explainer;
  }

  @Operation(
      operationId = "explainAlert",
      summary = "Explains the routing of an alert: which runbooks matched and which rails held it.")
  @GetMapping("/api/alerts/{id}/explain")
  ResponseEntity<?> explain(@PathVariable String id) {
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return AlertsController.error(HttpStatus.NOT_FOUND, "no such alert: '" + id + "'");
    }
    return explainer
        .explain(number)
        .<ResponseEntity<?>>map(
            x -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(x))
        .orElseGet(
            () -> AlertsController.error(HttpStatus.NOT_FOUND, "no such alert: '" + id + "'"));
  }
}
