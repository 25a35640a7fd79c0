package dev.runbooks.language.model;

import java.util.Optional;

/**
 * The join rule of a {@code parallel} step: how many branches must succeed for the step to succeed;
 * once that many have, the rest are cancelled. Written {@code all} (the default), {@code any} or a
 * count N.
 */
public sealed interface Join {
  /** Every branch must succeed. */
  Join ALL = new All();

  /** One branch is enough. */
  Join ANY = new Any();

  /** How many of {@code branches} branches must succeed. */
  int required(int branches);

  /** The rule as written in YAML and shown in a parallel step's result: all, any or N. */
  String text();

  /**
   * A rule that needs {@code count} branches; count is at least 1 (a count above {@link
   * Integer#MAX_VALUE} is taken as that, which no step can reach).
   */
  static Join atLeast(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("join must be at least 1, got " + count);
    }
    return new AtLeast((int) Math.min(count, Integer.MAX_VALUE));
  }

  /** The rule written {@code text}, if it is one: all, any or a positive count. */
  static Optional<Join> fromYaml(Object text) {
    if ("all".equals(text)) {
      return Optional.of(ALL);
    }
    if ("any".equals(text)) {
      return Optional.of(ANY);
    }
    if (text instanceof Long n && n >= 1) {
      return Optional.of(atLeast(n));
    }
    return Optional.empty();
  }

  /** {@code join: all}. */
  record All() implements Join {
    @Override
    public int required(int branches) {
      return branches;
    }

    @Override
    public String text() {
      return "all";
    }
  }

  /** {@code join: any}. */
  record Any() implements Join {
    @Override
    public int required(int branches) {
      return 1;
    }

    @Override
    public String text() {
      return "any";
    }
  }

  /** {@code join: N}: N branches must succeed. */
  record AtLeast(int count) implements Join {
    public AtLeast {
      if (count < 1) {
        throw new IllegalArgumentException("join must be at least 1, got " + count);
      }
    }

    @Override
    public int required(int branches) {
      return count;
    }

    @Override
    public String text() {
      return String.valueOf(count);
    }
  }
}
