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
 * @param external the Temporal server to measure on instead of a dev server of the bench's own, or
 *     null (the default: {@code make bench} starts the dev server)
 * @param ports where the bench's own processes listen
 * @param figures a file the measured figures are written to as {@code name=value} lines, or null
 */
public record BenchOptions(
    Path root,
    Path temporalBin,
    Path workerJar,
    Path workDir,
    Path doc,
    List<String> suites,
    List<String> workerJavaOptions,
    ExternalTemporal external,
    Ports ports,
    Path figures) {

  /** Copies the lists. */
  public BenchOptions {
    suites = List.copyOf(suites);
    workerJavaOptions = List.copyOf(workerJavaOptions);
    ports = ports == null ? Ports.ANY : ports;
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
