package dev.runbooks.language.parse;

/**
 * Field paths such as {@code steps[2].http.url}: map keys joined with dots, list indexes in
 * brackets. The root is the empty path.
 */
public final class FieldPaths {
  private FieldPaths() {}

  /** The path of a key inside the map at {@code parent}. */
  public static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** The path of an element of the list at {@code parent}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path of the enclosing map or list, or the empty path for the root and top-level keys. */
  public static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** The last key of a path (or the index text, such as {@code [2]}). */
  public static String last(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    if (bracket > dot) {
      return path.substring(bracket);
    }
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
