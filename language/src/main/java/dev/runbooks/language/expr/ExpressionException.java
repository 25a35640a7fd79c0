package dev.runbooks.language.expr;

import dev.runbooks.language.RunbookException;

/** A CEL expression that does not compile or fails while it is evaluated. */
public class ExpressionException extends RunbookException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the expression. */
  public ExpressionException(String message) {
    super(message);
  }

  /** Creates the exception with a message that names the expression, and its cause. */
  public ExpressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
