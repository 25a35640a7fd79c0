package dev.runbooks.cli;

import picocli.CommandLine.Option;

/** The option every command takes: {@code -o/--output text|json}. */
public final class OutputOptions {
  /** The output formats. */
  enum Format {
    text,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: text (default) or json (one JSON document on stdout).")
  Format format = Format.text;

  /** Whether the command prints JSON. */
  boolean json() {
    return format == Format.json;
  }
}
