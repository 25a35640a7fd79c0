package dev.runbooks.language.compile;

import java.nio.file.Path;

/**
 * Compiles runbook YAML: validates it against the schema, binds it to the model records, checks
 * everything the schema cannot (ids, references, CEL, loops) and returns the immutable plan, or
 * every problem at once. Never throws for bad input. Thread-safe.
 */
public final class RunbookCompiler {
  private static final RunbookCompiler STANDARD = new RunbookCompiler();

  private RunbookCompiler() {}

  /** The shared compiler. */
  public static RunbookCompiler standard() {
    return STANDARD;
  }

  /**
   * Compiles a source text.
   *
   * @param source the YAML text
   * @param file the file name used in locations (any label, such as {@code runbooks/x.yaml})
   */
  public Compilation compile(String source, String file) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Reads and compiles a file; an unreadable file is one problem. */
  public Compilation compile(Path file) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
