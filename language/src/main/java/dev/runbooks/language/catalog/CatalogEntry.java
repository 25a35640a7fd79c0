package dev.runbooks.language.catalog;

import dev.runbooks.language.compile.CompiledRunbook;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One runbook version the catalog serves: its name, its version (the content hash the compiler
 * gives it), the file it came from, its source text, the compiled plan, and when this process
 * loaded it.
 */
public record CatalogEntry(
    String name,
    String version,
    Path file,
    String source,
    CompiledRunbook compiled,
    Instant loadedAt) {

  /** Creates an entry for a compiled runbook. */
  public static CatalogEntry of(CompiledRunbook compiled, Path file, Instant loadedAt) {
    return new CatalogEntry(
        compiled.name(), compiled.version(), file, compiled.source(), compiled, loadedAt);
  }
}
