package dev.runbooks.language.parse;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML into plain Java values and records where every field is. Scalars keep YAML's implicit
 * types (integers become Long, decimals Double, true/false Boolean, null null); anything else, such
 * as {@code 30s}, stays a string. Syntax errors and duplicate keys are problems, never exceptions.
 * Thread-safe.
 */
public final class YamlParser {
  private YamlParser() {}

  /** Parses one YAML document within the default {@link ParseLimits}. */
  public static ParsedYaml parse(String source, String file) {
    return parse(source, file, ParseLimits.defaults());
  }

  /**
   * Parses one YAML document. A document that crosses one of the limits yields one problem, located
   * where the limit was crossed, and no root.
   */
  public static ParsedYaml parse(String source, String file, ParseLimits limits) {
    long bytes = SourceFiles.utf8Length(source);
    if (bytes > limits.maxFileBytes()) {
      return failed(file, SourceFiles.tooLarge(file, bytes, limits));
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth() + 1);
    options.setCodePointLimit(Integer.MAX_VALUE);
    Node node;
    try {
      Parser parser =
          new BoundedParser(
              new ParserImpl(new StreamReader(new StringReader(source)), options), limits, file);
      node = new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (BoundedParser.LimitExceeded e) {
      return failed(file, e.problem());
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Location loc =
          mark == null
              ? new Location(file, 1, 1)
              : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
      String msg = e.getProblem() != null ? e.getProblem() : e.getMessage();
      if (e.getContext() != null) {
        Mark context = e.getContextMark();
        String started =
            context != null && mark != null && context.getLine() != mark.getLine()
                ? " (started at line "
                    + (context.getLine() + 1)
                    + ", column "
                    + (context.getColumn() + 1)
                    + ")"
                : "";
        msg = e.getContext() + started + ": " + msg;
      }
      return failed(
          file, new Problem(loc, "", "YAML syntax error: " + msg + YamlHints.hint(source, mark)));
    } catch (YAMLException e) {
      return failed(
          file, new Problem(new Location(file, 1, 1), "", "YAML error: " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      // SnakeYAML checks some values outside its parser and throws plainly: a tag such as !%1
      // (crash-tag-uri-escape) is "Tag must not contain leading or trailing spaces."
      return failed(
          file, new Problem(new Location(file, 1, 1), "", "YAML error: " + e.getMessage()));
    }
    Builder builder = new Builder(file, limits);
    Object root;
    try {
      root = node == null ? null : builder.convert(node, "", 0);
    } catch (BoundedParser.LimitExceeded e) {
      return failed(file, e.problem());
    }
    return new ParsedYaml(
        root, new SourceMap(file, builder.values, builder.keys), builder.problems);
  }

  private static ParsedYaml failed(String file, Problem problem) {
    return new ParsedYaml(null, new SourceMap(file, Map.of(), Map.of()), List.of(problem));
  }

  private static final class Builder {
    private final String file;
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> keys = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final ParseLimits limits;

    Builder(String file, ParseLimits limits) {
      this.file = file;
      this.limits = limits;
    }

    Location at(Node node) {
      Mark mark = node.getStartMark();
      return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    Object convert(Node node, String path, int depth) {
      values.putIfAbsent(path, at(node));
      if (depth > limits.maxDepth()) {
        problems.add(new Problem(at(node), path, "the document is nested too deeply"));
        return null;
      }
      if (node instanceof MappingNode mapping) {
        return convertMap(mapping, path, depth);
      }
      if (node instanceof SequenceNode sequence) {
        List<Object> list = new ArrayList<>(sequence.getValue().size());
        int i = 0;
        for (Node item : sequence.getValue()) {
          list.add(convert(item, FieldPaths.index(path, i++), depth + 1));
        }
        return list;
      }
      return scalar((ScalarNode) node, path);
    }

    private Map<String, Object> convertMap(MappingNode mapping, String path, int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      Map<String, Location> seen = new HashMap<>();
      List<Node> merges = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        Location keyLoc = at(keyNode);
        if (keyNode instanceof ScalarNode mergeKey && Tag.MERGE.equals(mergeKey.getTag())) {
          merges.add(tuple.getValueNode());
          continue;
        }
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          problems.add(new Problem(keyLoc, path, "a key must be a plain value, not a map or list"));
          continue;
        }
        String key = scalarKey.getValue();
        String childPath = FieldPaths.child(path, key);
        Location first = seen.putIfAbsent(key, keyLoc);
        if (first != null) {
          problems.add(
              new Problem(
                  keyLoc, childPath, "duplicate key '" + key + "' (first at " + first + ")"));
          continue;
        }
        keys.put(childPath, keyLoc);
        map.put(key, convert(tuple.getValueNode(), childPath, depth + 1));
      }
      merge(map, merges, path, depth);
      return map;
    }

    /**
     * YAML merge keys ({@code <<: *defaults} or {@code <<: [*a, *b]}): the merged maps' entries are
     * added where the map does not set the key itself, the earlier merged map winning.
     */
    private void merge(Map<String, Object> map, List<Node> merges, String path, int depth) {
      for (Node merge : merges) {
        List<Node> sources = merge instanceof SequenceNode list ? list.getValue() : List.of(merge);
        for (Node source : sources) {
          if (source instanceof MappingNode sourceMap) {
            convertMap(sourceMap, path, depth + 1).forEach(map::putIfAbsent);
          } else {
            problems.add(
                new Problem(
                    at(source),
                    path,
                    "a merge key (<<) takes a map or a list of maps, such as <<: *defaults"));
          }
        }
      }
    }

    private Object scalar(ScalarNode node, String path) {
      String text = node.getValue();
      Tag tag = node.getTag();
      if ((Tag.INT.equals(tag) || Tag.FLOAT.equals(tag))
          && text.length() > limits.maxNumberLength()) {
        throw new BoundedParser.LimitExceeded(
            new Problem(
                at(node),
                path,
                "a number of "
                    + text.length()
                    + " characters is longer than the limit of "
                    + limits.maxNumberLength()));
      }
      if (Tag.NULL.equals(tag)) {
        return null;
      }
      if (Tag.BOOL.equals(tag)) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
      }
      if (Tag.INT.equals(tag)) {
        Object n = parseInt(text);
        return n != null ? n : text;
      }
      if (Tag.FLOAT.equals(tag)) {
        return parseFloat(text);
      }
      return text;
    }

    private static Object parseInt(String text) {
      String t = text.replace("_", "");
      int sign = 1;
      if (t.startsWith("-")) {
        sign = -1;
        t = t.substring(1);
      } else if (t.startsWith("+")) {
        t = t.substring(1);
      }
      try {
        BigInteger value;
        if (t.startsWith("0x")) {
          value = new BigInteger(t.substring(2), 16);
        } else if (t.startsWith("0b")) {
          value = new BigInteger(t.substring(2), 2);
        } else if (t.startsWith("0o")) {
          value = new BigInteger(t.substring(2), 8);
        } else if (t.length() > 1 && t.startsWith("0")) {
          value = new BigInteger(t.substring(1), 8);
        } else if (t.contains(":")) {
          value = BigInteger.ZERO;
          for (String part : t.split(":")) {
            value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
          }
        } else {
          value = new BigInteger(t);
        }
        if (sign < 0) {
          value = value.negate();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : (Object) value.doubleValue();
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static Object parseFloat(String text) {
      String t = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
      switch (t) {
        case ".inf", "+.inf" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-.inf" -> {
          return Double.NEGATIVE_INFINITY;
        }
        case ".nan" -> {
          return Double.NaN;
        }
        default -> {
          try {
            return Double.parseDouble(t);
          } catch (NumberFormatException e) {
            return text;
          }
        }
      }
    }
  }
}
