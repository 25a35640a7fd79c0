package dev.runbooks.language.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads and lists the enums of the model whose constants are written in YAML as their lower-case
 * names (such as {@code info} for {@link LogLevel#INFO}): each such enum's {@code toString} is that
 * YAML name.
 */
public final class YamlEnums {
  private YamlEnums() {}

  /** The constant whose YAML name is {@code name}, if there is one. */
  public static <E extends Enum<E>> Optional<E> find(E[] values, String name) {
    for (E value : values) {
      if (value.toString().equals(name)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The YAML names of the constants, in order, as the schema lists them. */
  public static String[] names(Enum<?>... values) {
    return Arrays.stream(values).map(Object::toString).toArray(String[]::new);
  }

  /** The lower-case YAML name of a constant. */
  static String yamlName(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT);
  }
}
