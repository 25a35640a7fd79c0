package dev.runbooks.language.compile;

import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import java.util.Map;

/**
 * The immutable plan of a runbook that compiled without problems: the definition, its version (a
 * content hash of the source, {@code sha256:} and 12 hex digits), the source text and file name,
 * and every step by id (including nested, compensation, handler and finally steps, and guards).
 */
public record CompiledRunbook(
    Runbook definition, String version, String source, String file, Map<String, Step> stepsById) {
  public CompiledRunbook {
    stepsById = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepsById));
  }

  /** The runbook's name (its Temporal workflow type). */
  public String name() {
    return definition.name();
  }
}
