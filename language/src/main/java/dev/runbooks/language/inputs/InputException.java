package dev.runbooks.language.inputs;

import dev.runbooks.language.RunbookException;
import java.util.List;

/**
 * The inputs given to a run do not fit the runbook's declared inputs. It carries every problem at
 * once, each message naming the input it is about, such as {@code input 'circuit' is required}.
 */
public class InputException extends RunbookException {
  private static final long serialVersionUID = 1L;

  private final List<String> messages;

  /** Creates the exception from one message per problem (at least one). */
  public InputException(List<String> messages) {
    super(summarize(messages));
    this.messages = List.copyOf(messages);
  }

  /** Every problem, one plain message each, in the order of the declared inputs. */
  public List<String> messages() {
    return messages;
  }

  private static String summarize(List<String> messages) {
    if (messages.size() == 1) {
      return messages.get(0);
    }
    return messages.size() + " input problems: " + String.join("; ", messages);
  }
}
