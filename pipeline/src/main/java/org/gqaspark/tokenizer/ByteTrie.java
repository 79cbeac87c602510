package org.gqaspark.tokenizer;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A double-array trie from byte strings to non-negative ints: the vocabulary lookup of the
 * segmenter. A step from node {@code s} on byte {@code b} goes to {@code t = base[s] + b} when
 * {@code check[t] == s}, so walking a key costs two array reads per byte and allocates nothing.
 * Immutable once built, and safe to share between threads.
 */
final class ByteTrie {

  /** {@link #next} result when the node has no child with that byte. */
  static final int NO_NODE = -1;
  /** {@link #value} result when no key ends at the node. */
  static final int NO_VALUE = -1;

  static final int ROOT = 0;

  private final int[] base;
  private final int[] check;
  private final int[] values;

  private ByteTrie(int[] base, int[] check, int[] values) {
    this.base = base;
    this.check = check;
    this.values = values;
  }

  /**
   * Builds the trie. Keys must be distinct and non-empty; values must be non-negative.
   */
  static ByteTrie build(byte[][] keys, int[] values) {
    Integer[] order = new Integer[keys.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(i -> keys[i], Arrays::compareUnsigned));
    byte[][] sortedKeys = new byte[keys.length][];
    int[] sortedValues = new int[keys.length];
    for (int i = 0; i < order.length; i++) {
      sortedKeys[i] = keys[order[i]];
      sortedValues[i] = values[order[i]];
    }
    return new Builder(sortedKeys, sortedValues).build();
  }

  /** Returns the child of {@code node} on byte {@code b}, or {@link #NO_NODE}. */
  int next(int node, byte b) {
    int target = base[node] + (b & 0xFF);
    if (target < check.length && check[target] == node) {
      return target;
    }
    return NO_NODE;
  }

  /** Returns the value of the key ending at {@code node}, or {@link #NO_VALUE}. */
  int value(int node) {
    return values[node];
  }

  /** Returns the value of {@code key}, or {@link #NO_VALUE} when it is not a key. */
  int get(byte[] key) {
    int node = ROOT;
    for (byte b : key) {
      node = next(node, b);
      if (node == NO_NODE) {
        return NO_VALUE;
      }
    }
    return values[node];
  }

  /** Returns the length of the longest key that prefixes {@code text[from, end)}, or 0. */
  int longestPrefix(byte[] text, int from, int end) {
    int node = ROOT;
    int longest = 0;
    for (int i = from; i < end; i++) {
      node = next(node, text[i]);
      if (node == NO_NODE) {
        break;
      }
      if (values[node] != NO_VALUE) {
        longest = i + 1 - from;
      }
    }
    return longest;
  }

  /**
   * Places nodes depth first. Free slots form a linked list, and a node's children go to the
   * first base where every child slot is free. Only bases that put the first child on a free
   * slot are tried, which keeps the build fast: T5's 32,000 pieces take well under a second.
   */
  private static final class Builder {
    private static final int END = -1;

    private final byte[][] keys;
    private final int[] keyValues;
    private int[] base = new int[0];
    private int[] check = new int[0];
    private int[] values = new int[0];
    private int[] nextFree = new int[0];
    private int[] previousFree = new int[0];
    private int freeHead = END;
    private int freeTail = END;
    private int used = 1;

    Builder(byte[][] keys, int[] keyValues) {
      this.keys = keys;
      this.keyValues = keyValues;
      ensure(1024);
      occupy(ROOT, Integer.MIN_VALUE);
    }

    ByteTrie build() {
      place(ROOT, 0, keys.length, 0);
      return new ByteTrie(Arrays.copyOf(base, used), Arrays.copyOf(check, used),
          Arrays.copyOf(values, used));
    }

    /** Places the children of {@code node}, the node of keys[from, to) at depth {@code depth}. */
    private void place(int node, int from, int to, int depth) {
      if (from < to && keys[from].length == depth) {
        values[node] = keyValues[from];
        from++;
      }
      if (from == to) {
        return;
      }

      int count = 0;
      for (int i = from; i < to; i++) {
        if (i == from || keys[i][depth] != keys[i - 1][depth]) {
          count++;
        }
      }
      int[] labels = new int[count];
      int[] starts = new int[count + 1];
      int child = 0;
      for (int i = from; i < to; i++) {
        if (i == from || keys[i][depth] != keys[i - 1][depth]) {
          labels[child] = keys[i][depth] & 0xFF;
          starts[child] = i;
          child++;
        }
      }
      starts[count] = to;

      int nodeBase = findBase(labels);
      base[node] = nodeBase;
      for (int label : labels) {
        occupy(nodeBase + label, node);
      }
      used = Math.max(used, nodeBase + labels[count - 1] + 1);
      for (int c = 0; c < count; c++) {
        place(nodeBase + labels[c], starts[c], starts[c + 1], depth + 1);
      }
    }

    private int findBase(int[] labels) {
      int first = labels[0];
      int last = labels[labels.length - 1];
      int slot = freeHead;
      while (true) {
        if (slot == END) {
          slot = check.length;
          ensure(check.length * 2);
        }
        int candidate = slot - first;
        if (candidate >= 1) {
          ensure(candidate + last + 1);
          if (allFree(candidate, labels)) {
            return candidate;
          }
        }
        slot = nextFree[slot];
      }
    }

    private boolean allFree(int candidate, int[] labels) {
      for (int label : labels) {
        if (check[candidate + label] != NO_NODE) {
          return false;
        }
      }
      return true;
    }

    private void occupy(int slot, int parent) {
      check[slot] = parent;
      int previous = previousFree[slot];
      int next = nextFree[slot];
      if (previous == END) {
        freeHead = next;
      } else {
        nextFree[previous] = next;
      }
      if (next == END) {
        freeTail = previous;
      } else {
        previousFree[next] = previous;
      }
    }

    /** Grows the arrays to at least {@code size} slots and links the new slots as free. */
    private void ensure(int size) {
      int old = check.length;
      if (size <= old) {
        return;
      }
      int capacity = Math.max(size, old * 2);
      base = Arrays.copyOf(base, capacity);
      check = Arrays.copyOf(check, capacity);
      values = Arrays.copyOf(values, capacity);
      nextFree = Arrays.copyOf(nextFree, capacity);
      previousFree = Arrays.copyOf(previousFree, capacity);
      Arrays.fill(check, old, capacity, NO_NODE);
      Arrays.fill(values, old, capacity, NO_VALUE);
      for (int slot = old; slot < capacity; slot++) {
        previousFree[slot] = slot == old ? freeTail : slot - 1;
        nextFree[slot] = slot + 1 < capacity ? slot + 1 : END;
      }
      if (freeTail == END) {
        freeHead = old;
      } else {
        nextFree[freeTail] = old;
      }
      freeTail = capacity - 1;
    }
  }
}
