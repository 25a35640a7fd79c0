package dev.runbooks.language.model;

import java.util.Map;

/**
 * A runbook's identity. The name becomes the Temporal workflow type, so it is what people type in
 * {@code temporal workflow start --type}.
 */
public record Metadata(
    String name,
    String title,
    String description,
    String owner,
    Map<String, String> labels,
    String severity) {
  public Metadata {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
