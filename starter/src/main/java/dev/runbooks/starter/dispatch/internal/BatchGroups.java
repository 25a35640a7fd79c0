package dev.runbooks.starter.dispatch.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a batch of inbox rows into groups that may be dispatched in parallel: rows that touch a
 * common workflow id (a repeat of an alert, its resolve) land in one group, in their batch order,
 * so each run sees its alerts in the order they arrived. Rows that touch no workflow id are groups
 * of their own.
 */
final class BatchGroups {
  private BatchGroups() {}

  /**
   * The groups, as lists of row positions in ascending order; the groups ordered by their first
   * row.
   *
   * @param idsPerRow the workflow ids each row may touch, in batch order
   */
  static List<List<Integer>> of(List<Set<String>> idsPerRow) {
    int[] parent = new int[idsPerRow.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<String, Integer> firstRow = new HashMap<>();
    for (int i = 0; i < idsPerRow.size(); i++) {
      for (String id : idsPerRow.get(i)) {
        Integer other = firstRow.putIfAbsent(id, i);
        if (other != null) {
          union(parent, other, i);
        }
      }
    }
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < parent.length; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    }
    return List.copyOf(groups.values());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
