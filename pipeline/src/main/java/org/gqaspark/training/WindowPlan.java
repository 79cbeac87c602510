package org.gqaspark.training;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The records of every slot of a window of consecutive steps, drawn on the driver by the
 * {@link MixtureSampler} and broadcast to the executors, which look up where each record
 * they hold is needed. Positions number the slots of the window: step {@code firstStep + k},
 * slot j is position {@code k B + j}.
 */
public final class WindowPlan implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long firstStep;
  private final int steps;
  private final int batchSize;
  private final SlotRef[] slots; // [steps * batchSize]
  private final long[][] consumedAfter; // [steps][sources]

  /** Sorted (source, index) keys of the positions, built on first lookup in each JVM. */
  private transient volatile Lookup lookup;

  private record Lookup(long[] keys, int[] positions) {}

  private WindowPlan(long firstStep, int steps, int batchSize, SlotRef[] slots,
      long[][] consumedAfter) {
    this.firstStep = firstStep;
    this.steps = steps;
    this.batchSize = batchSize;
    this.slots = slots;
    this.consumedAfter = consumedAfter;
  }

  /**
   * Draws the window of steps {@code firstStep .. firstStep + steps - 1}.
   *
   * @param consumed records drawn from each source before {@code firstStep}; not changed
   */
  public static WindowPlan draw(MixtureSampler sampler, long firstStep, int steps,
      int batchSize, long[] consumed) {
    long[] position = consumed.clone();
    SlotRef[] slots = new SlotRef[steps * batchSize];
    long[][] after = new long[steps][];
    for (int k = 0; k < steps; k++) {
      SlotRef[] batch = sampler.draw(firstStep + k, batchSize, position);
      System.arraycopy(batch, 0, slots, k * batchSize, batchSize);
      after[k] = position.clone();
    }
    return new WindowPlan(firstStep, steps, batchSize, slots, after);
  }

  public long firstStep() {
    return firstStep;
  }

  /** Returns the step after the window. */
  public long endStep() {
    return firstStep + steps;
  }

  public int steps() {
    return steps;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Returns the record of one position. */
  public SlotRef slot(int position) {
    return slots[position];
  }

  /** Returns the step of a position. */
  public long stepOf(int position) {
    return firstStep + position / batchSize;
  }

  /** Returns the records drawn from each source up to and including {@code step}. */
  public long[] consumedAfter(long step) {
    return consumedAfter[Math.toIntExact(step - firstStep)].clone();
  }

  /** Returns the positions that need record {@code index} of {@code source}, in order. */
  public int[] positionsOf(int source, long index) {
    Lookup table = lookup();
    long key = key(source, index);
    int first = lowerBound(table.keys(), key);
    int last = first;
    while (last < table.keys().length && table.keys()[last] == key) {
      last++;
    }
    return Arrays.copyOfRange(table.positions(), first, last);
  }

  private Lookup lookup() {
    Lookup table = lookup;
    if (table == null) {
      synchronized (this) {
        table = lookup;
        if (table == null) {
          table = buildLookup();
          lookup = table;
        }
      }
    }
    return table;
  }

  private Lookup buildLookup() {
    Integer[] order = new Integer[slots.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byKey = Long.compare(key(slots[a]), key(slots[b]));
      return byKey != 0 ? byKey : Integer.compare(a, b);
    });
    long[] keys = new long[order.length];
    int[] positions = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      positions[i] = order[i];
      keys[i] = key(slots[order[i]]);
    }
    return new Lookup(keys, positions);
  }

  private static long key(SlotRef slot) {
    return key(slot.source(), slot.index());
  }

  /** Packs (source, index) into one long: 15 bits of source, 48 bits of index. */
  private static long key(int source, long index) {
    return ((long) source << 48) | index;
  }

  private static int lowerBound(long[] keys, long key) {
    int low = 0;
    int high = keys.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (keys[middle] < key) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
