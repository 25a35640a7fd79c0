package dev.runbooks.language.catalog;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Names the runbook test files ({@code <runbook>.test.yaml} or {@code .test.yml}, see {@code
 * docs/testing.md}) that live beside runbooks: every loader of runbooks skips them.
 */
public final class TestFiles {
  /** The suffix of a test file's name. */
  public static final String SUFFIX = ".test.yaml";

  private TestFiles() {}

  /** Whether the file's name ends with {@code .test.yaml} or {@code .test.yml}. */
  public static boolean isTestFile(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String text = name.toString().toLowerCase(Locale.ROOT);
    return text.endsWith(SUFFIX) || text.endsWith(".test.yml");
  }

  /** Whether the file is a runbook by its name: YAML, and not a test file. */
  public static boolean isRunbookFile(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String text = name.toString().toLowerCase(Locale.ROOT);
    return (text.endsWith(".yaml") || text.endsWith(".yml")) && !isTestFile(file);
  }
}
