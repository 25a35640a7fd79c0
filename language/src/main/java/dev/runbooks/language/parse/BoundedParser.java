package dev.runbooks.language.parse;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Sits between SnakeYAML's parser and its composer and enforces {@link ParseLimits} on the event
 * stream, before any node is built: the length of scalars, the number of aliases, the nesting depth
 * and the number of values once aliases are expanded. The expanded size and height of every anchor
 * is recorded when its node ends, so an alias costs one lookup however large it stands for, and a
 * billion-laughs document is refused at the alias that would cross the limit. An alias used inside
 * its own anchor (which would expand forever) is refused too. The field path of every node is
 * tracked so each refusal is a located problem like the compiler's others.
 */
final class BoundedParser implements Parser {
  /** A limit was crossed; carries the problem to report. Never escapes {@link YamlParser}. */
  static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    LimitExceeded(Problem problem) {
      super(problem.toString(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  /** An anchored node: its values once expanded, how many levels it nests, where it starts. */
  private record Anchor(long size, int height, Mark mark) {}

  /** An open map or list. */
  private static final class Frame {
    final boolean mapping;
    final String path;
    final String anchor;
    final Mark mark;
    long size = 1;
    int height = 1;
    int index;
    boolean expectKey = true;
    String key = "";

    Frame(boolean mapping, String path, String anchor, Mark mark) {
      this.mapping = mapping;
      this.path = path;
      this.anchor = anchor;
      this.mark = mark;
    }
  }

  private final Parser parser;
  private final ParseLimits limits;
  private final String file;
  private final Deque<Frame> open = new ArrayDeque<>();
  private final Map<String, Anchor> anchors = new HashMap<>();
  private long values;
  private int aliases;

  BoundedParser(Parser parser, ParseLimits limits, String file) {
    this.parser = parser;
    this.limits = limits;
    this.file = file;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public Event getEvent() {
    Event event = parser.getEvent();
    if (event instanceof ScalarEvent scalar) {
      scalar(scalar);
    } else if (event instanceof AliasEvent alias) {
      alias(alias);
    } else if (event.is(Event.ID.SequenceStart) || event.is(Event.ID.MappingStart)) {
      start(event);
    } else if (event.is(Event.ID.SequenceEnd) || event.is(Event.ID.MappingEnd)) {
      end();
    }
    return event;
  }

  private void scalar(ScalarEvent event) {
    boolean key = isKey();
    String path = place(key ? event.getValue() : null);
    int length = event.getValue().length();
    if (length > limits.maxScalarLength()) {
      throw refuse(
          event.getStartMark(),
          path,
          (key ? "a key" : "a value")
              + " of "
              + length
              + " characters is longer than the limit of "
              + limits.maxScalarLength());
    }
    count(1, 0, event.getStartMark(), path, null);
    String anchor = event.getAnchor();
    if (anchor != null) {
      anchors.put(anchor, new Anchor(1, 0, event.getStartMark()));
    }
  }

  private void alias(AliasEvent event) {
    String name = event.getAnchor();
    String path = place(null);
    Mark mark = event.getStartMark();
    for (Frame frame : open) {
      if (name.equals(frame.anchor)) {
        throw refuse(
            mark,
            path,
            "alias *"
                + name
                + " is used inside its own anchor &"
                + name
                + " (at "
                + locate(frame.mark)
                + "), so it would expand forever");
      }
    }
    aliases++;
    if (aliases > limits.maxAliases()) {
      throw refuse(mark, path, "more than " + limits.maxAliases() + " aliases; that is the limit");
    }
    Anchor anchor = anchors.get(name);
    if (anchor == null) {
      return; // the composer reports the undefined alias
    }
    if (open.size() + anchor.height() > limits.maxDepth()) {
      throw refuse(
          mark,
          path,
          "alias *"
              + name
              + " nests the document more than "
              + limits.maxDepth()
              + " levels deep; that is the limit");
    }
    count(anchor.size(), anchor.height(), mark, path, name);
  }

  private void start(Event event) {
    String path = place(null);
    Mark mark = event.getStartMark();
    if (open.size() + 1 > limits.maxDepth()) {
      throw refuse(
          mark,
          path,
          "the document nests maps and lists more than "
              + limits.maxDepth()
              + " levels deep; that is the limit");
    }
    count(1, -1, mark, path, null);
    String anchor = event instanceof NodeEvent node ? node.getAnchor() : null;
    open.push(new Frame(event.is(Event.ID.MappingStart), path, anchor, mark));
  }

  private void end() {
    Frame frame = open.pop();
    if (frame.anchor != null) {
      anchors.put(frame.anchor, new Anchor(frame.size, frame.height, frame.mark));
    }
    Frame parent = open.peek();
    if (parent != null) {
      parent.size += frame.size;
      parent.height = Math.max(parent.height, frame.height + 1);
    }
  }

  /**
   * Counts values added to the document; {@code height} is that of the node they make up, or -1 for
   * a map or list just opened (its frame accounts for it when it ends).
   */
  private void count(long size, int height, Mark mark, String path, String alias) {
    values += size;
    if (values > limits.maxExpandedValues()) {
      throw refuse(
          mark,
          path,
          alias != null
              ? "alias *"
                  + alias
                  + " stands for "
                  + size
                  + " values, which takes the document over the limit of "
                  + limits.maxExpandedValues()
                  + " values once aliases are expanded"
              : "the document holds more than "
                  + limits.maxExpandedValues()
                  + " values; that is the limit");
    }
    Frame parent = open.peek();
    if (parent != null && height >= 0) {
      parent.size += size;
      parent.height = Math.max(parent.height, height + 1);
    }
  }

  private boolean isKey() {
    Frame frame = open.peek();
    return frame != null && frame.mapping && frame.expectKey;
  }

  /**
   * The field path of the node that starts now, and moves on: a key is reported at its map, and its
   * text (when it is a scalar) names the value that follows.
   */
  private String place(String keyText) {
    Frame frame = open.peek();
    if (frame == null) {
      return "";
    }
    if (!frame.mapping) {
      return FieldPaths.index(frame.path, frame.index++);
    }
    if (frame.expectKey) {
      frame.expectKey = false;
      frame.key = keyText != null ? keyText : "?";
      return frame.path;
    }
    frame.expectKey = true;
    return FieldPaths.child(frame.path, frame.key);
  }

  private LimitExceeded refuse(Mark mark, String path, String message) {
    return new LimitExceeded(new Problem(locate(mark), path, message));
  }

  private Location locate(Mark mark) {
    return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
