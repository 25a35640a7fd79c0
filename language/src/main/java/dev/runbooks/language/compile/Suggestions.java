package dev.runbooks.language.compile;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the closest known name to a misspelt one, for "did you mean" hints. The work is bounded:
 * words longer than {@link #MAX_WORD} get no hint, candidates whose length alone puts them too far
 * are skipped, and a {@link Budget} caps the comparisons of one compilation, so a runbook with
 * thousands of unknown names among thousands of steps costs no more than a few of them.
 */
final class Suggestions {
  /** The longest word a hint is looked for. */
  static final int MAX_WORD = 64;

  /** How many candidates one compilation may compare in all; then hints stop. */
  static final int COMPARISONS = 50_000;

  private Suggestions() {}

  /** A compilation's allowance of comparisons; not thread-safe. */
  static final class Budget {
    private int left = COMPARISONS;

    /** {@link Suggestions#closest}, or null once the allowance is spent. */
    String closest(String word, Collection<String> candidates) {
      if (left <= 0) {
        return null;
      }
      left -= Math.max(1, candidates.size());
      return Suggestions.closest(word, candidates);
    }
  }

  /** The closest candidate within a few edits (one for short words), or null. */
  static String closest(String word, Collection<String> candidates) {
    if (word.length() > MAX_WORD) {
      return null;
    }
    int allowed = word.length() <= 3 ? 1 : Math.max(2, word.length() / 3);
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (Math.abs(c.length() - word.length()) > allowed) {
        continue; // at least that many edits apart
      }
      int d = distance(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= allowed ? best : null;
  }

  /** The Levenshtein distance of two strings. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
