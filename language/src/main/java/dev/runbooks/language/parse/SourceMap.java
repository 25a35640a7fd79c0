package dev.runbooks.language.parse;

import dev.runbooks.language.model.Location;
import java.util.Map;

/**
 * Where each field of a parsed document sits in the source: the location of each value and of each
 * map key, by field path. Lookups of unknown paths fall back to the nearest enclosing path.
 */
public final class SourceMap {
  private final String file;
  private final Map<String, Location> values;
  private final Map<String, Location> keys;

  SourceMap(String file, Map<String, Location> values, Map<String, Location> keys) {
    this.file = file;
    this.values = Map.copyOf(values);
    this.keys = Map.copyOf(keys);
  }

  /** The file name used in locations. */
  public String file() {
    return file;
  }

  /** Where the value at a path starts (or the nearest enclosing value's location). */
  public Location value(String path) {
    String p = path;
    while (true) {
      Location loc = values.get(p);
      if (loc != null) {
        return loc;
      }
      if (p.isEmpty()) {
        return new Location(file, 1, 1);
      }
      p = FieldPaths.parent(p);
    }
  }

  /**
   * Where the key of a map entry starts; for list elements and unknown keys, where the value (or
   * the nearest enclosing value) starts.
   */
  public Location key(String path) {
    Location loc = keys.get(path);
    return loc != null ? loc : value(path);
  }

  /** Whether the document has a value at this path. */
  public boolean has(String path) {
    return values.containsKey(path);
  }
}
