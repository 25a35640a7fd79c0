package dev.runbooks.language.parse;

import dev.runbooks.language.model.Problem;
import java.util.List;

/**
 * A YAML document as plain Java values (LinkedHashMap, ArrayList, String, Long, Double, Boolean,
 * null) with the location of every field, and the syntax problems found. When there are syntax
 * problems the root is null.
 */
public record ParsedYaml(Object root, SourceMap locations, List<Problem> problems) {
  public ParsedYaml {
    problems = List.copyOf(problems);
  }
}
