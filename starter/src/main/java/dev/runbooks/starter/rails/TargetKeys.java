package dev.runbooks.starter.rails;

import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.StartLimits;
import dev.runbooks.language.routing.Alert;
import java.util.Map;
import java.util.Optional;

/**
 * The target key an alert counts under for a runbook's {@code limits.perTarget}: its {@code key}
 * template rendered over the alert. The dispatcher records starts under it and the alert's
 * explanation counts them with it, so both render it the same way.
 */
public final class TargetKeys {
  private TargetKeys() {}

  /**
   * The rendered key (the empty text when the template renders null), or empty when the template
   * cannot be rendered for this alert.
   */
  public static Optional<String> of(StartLimits.PerTarget perTarget, Alert alert) {
    try {
      Object value = Templates.render(perTarget.key(), Map.of("alert", alert.toExpressionView()));
      return Optional.of(value == null ? "" : value.toString());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
