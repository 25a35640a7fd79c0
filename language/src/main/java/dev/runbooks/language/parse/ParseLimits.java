package dev.runbooks.language.parse;

/**
 * How much input the parser and the compiler accept. Every limit is checked as the input is read,
 * before the work it guards is done, so hostile input (an alias bomb, a huge scalar, a number with
 * millions of digits) ends in one located problem in well under a second instead of a hang.
 *
 * @param maxFileBytes the size of a source, in bytes of UTF-8
 * @param maxAliases how many aliases ({@code *name}) a document may use
 * @param maxExpandedValues how many values (scalars, maps and lists, keys included) a document may
 *     hold once its aliases are expanded; the size of every anchor is computed once, so an alias
 *     bomb is refused at the alias that crosses the limit, before anything is expanded
 * @param maxDepth how deeply maps and lists may nest, aliases expanded
 * @param maxScalarLength the length of one scalar (key or value), in characters
 * @param maxNumberLength the length of one number ({@code 42}, {@code !!int 42}, {@code 1.5e3}), in
 *     characters
 * @param maxSteps how many steps a runbook may have, nested ones (in switch cases, parallel
 *     branches, foreach bodies, compensations and failure handlers) included
 */
public record ParseLimits(
    int maxFileBytes,
    int maxAliases,
    int maxExpandedValues,
    int maxDepth,
    int maxScalarLength,
    int maxNumberLength,
    int maxSteps) {
  private static final ParseLimits DEFAULTS =
      new ParseLimits(1 << 20, 1_000, 200_000, 64, 65_536, 128, 5_000);

  public ParseLimits {
    positive(maxFileBytes, "maxFileBytes");
    positive(maxAliases, "maxAliases");
    positive(maxExpandedValues, "maxExpandedValues");
    positive(maxDepth, "maxDepth");
    positive(maxScalarLength, "maxScalarLength");
    positive(maxNumberLength, "maxNumberLength");
    positive(maxSteps, "maxSteps");
  }

  /**
   * The defaults: 1 MiB files, 1,000 aliases, 200,000 values after expanding aliases, 64 levels of
   * nesting, scalars of 65,536 characters, numbers of 128 characters and 5,000 steps.
   */
  public static ParseLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another file size. */
  public ParseLimits withMaxFileBytes(int value) {
    return new ParseLimits(
        value, maxAliases, maxExpandedValues, maxDepth, maxScalarLength, maxNumberLength, maxSteps);
  }

  /** These limits with another number of values after expanding aliases. */
  public ParseLimits withMaxExpandedValues(int value) {
    return new ParseLimits(
        maxFileBytes, maxAliases, value, maxDepth, maxScalarLength, maxNumberLength, maxSteps);
  }

  /** These limits with another number of steps. */
  public ParseLimits withMaxSteps(int value) {
    return new ParseLimits(
        maxFileBytes,
        maxAliases,
        maxExpandedValues,
        maxDepth,
        maxScalarLength,
        maxNumberLength,
        value);
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
