package dev.runbooks.language.compile;

import dev.runbooks.language.types.ValueType;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids of the steps that may have run: those of this scope and of the scopes it is nested in. A
 * nested step list gets a scope of its own, so what it adds stays inside it; sharing the outer
 * scopes instead of copying them keeps the check linear in the number of steps. A scope also knows
 * what {@code item} and {@code error} are in it.
 */
final class Visible {
  private final Visible outer;
  final Set<String> own = new HashSet<>();

  /** The type of {@code item} here, or null outside a foreach body. */
  ValueType item;

  /** Whether {@code error} is bound here (in an onFailure handler). */
  boolean error;

  Visible(Visible outer) {
    this.outer = outer;
    if (outer != null) {
      this.item = outer.item;
      this.error = outer.error;
    }
  }

  Visible nested() {
    return new Visible(this);
  }

  /** A nested scope for the steps of a foreach over items of this type. */
  Visible iterating(ValueType itemType) {
    Visible v = new Visible(this);
    v.item = itemType;
    return v;
  }

  /** A nested scope for the steps of an onFailure handler, where {@code error} is bound. */
  Visible handling() {
    Visible v = new Visible(this);
    v.error = true;
    return v;
  }

  boolean contains(String id) {
    for (Visible v = this; v != null; v = v.outer) {
      if (v.own.contains(id)) {
        return true;
      }
    }
    return false;
  }
}
