package org.gqaspark.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** N-gram counting over token lists, one map per order (index n - 1). */
final class NgramCounts {

  private NgramCounts() {}

  /**
   * Counts the n-grams of orders 1 to {@code maxOrder}. An n-gram's key is its tokens joined by
   * a space, which no token contains, so keys are unique.
   */
  static List<Map<String, Integer>> count(List<String> tokens, int maxOrder) {
    List<Map<String, Integer>> counts = new ArrayList<>(maxOrder);
    for (int n = 1; n <= maxOrder; n++) {
      Map<String, Integer> orderCounts = new HashMap<>();
      for (int i = 0; i + n <= tokens.size(); i++) {
        String key = n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n));
        orderCounts.merge(key, 1, Integer::sum);
      }
      counts.add(orderCounts);
    }
    return counts;
  }

  /** Returns the number of n-grams of one order: the sum of its counts. */
  static long total(Map<String, Integer> counts) {
    long total = 0;
    for (int count : counts.values()) {
      total += count;
    }
    return total;
  }

  /** Returns the clipped overlap: the sum over hypothesis n-grams of min(hypothesis, reference). */
  static long clippedMatches(Map<String, Integer> hypothesis, Map<String, Integer> reference) {
    long matches = 0;
    for (Map.Entry<String, Integer> entry : hypothesis.entrySet()) {
      Integer referenceCount = reference.get(entry.getKey());
      if (referenceCount != null) {
        matches += Math.min(entry.getValue(), referenceCount);
      }
    }
    return matches;
  }
}
