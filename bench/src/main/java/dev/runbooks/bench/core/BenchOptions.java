package dev.runbooks.bench.core;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@code make bench} runs.
 *
 * @param root the repository root (runbooks-yaml/, bin/runbook)
 * @param temporalBin the Temporal CLI that starts the dev server
 * @param workerJar the worker's Spring Boot jar
 * @param workDir a directory for the stack's files (deleted by scripts/bench.sh)
 * @param doc the Markdown file the results are written to, or null for none
 * @param suites the suites to run, in order
 * @param workerJavaOptions JVM options of the worker process
 */
public record BenchOptions(
    Path root,
    Path temporalBin,
    Path workerJar,
    Path workDir,
    Path doc,
    List<String> suites,
    List<String> workerJavaOptions) {

  /** Copies the lists. */
  public BenchOptions {
    suites = List.copyOf(suites);
    workerJavaOptions = List.copyOf(workerJavaOptions);
  }

  /** An integer setting from a system property ({@code -Dbench.<name>=...}), or the default. */
  public static int setting(String name, int defaultValue) {
    return Integer.getInteger("bench." + name, defaultValue);
  }

  /** A decimal setting from a system property, or the default. */
  public static double setting(String name, double defaultValue) {
    String value = System.getProperty("bench." + name);
    return value == null || value.isBlank() ? defaultValue : Double.parseDouble(value);
  }
}
