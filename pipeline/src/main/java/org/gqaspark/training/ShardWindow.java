package org.gqaspark.training;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The examples that one partition computes during a window of steps: for every step, the
 * examples of the partition's slots in slot order. One such object is the whole content of a
 * partition of the routed, cached RDD.
 */
public final class ShardWindow implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int partition;
  private final long firstStep;
  private final int firstSlot;
  private final int microBatchSize;
  private final TrainingExample[][] examples; // [steps][slots of this partition]

  ShardWindow(int partition, long firstStep, int steps, ShardLayout layout) {
    this.partition = partition;
    this.firstStep = firstStep;
    this.firstSlot = layout.firstSlot(partition);
    this.microBatchSize = layout.microBatchSize();
    this.examples = new TrainingExample[steps][layout.endSlot(partition) - firstSlot];
  }

  /** Places the example of one slot. */
  void put(int stepOffset, int slot, TrainingExample example) {
    examples[stepOffset][slot - firstSlot] = example;
  }

  /**
   * Checks that every slot is filled.
   *
   * @throws IllegalStateException naming the first empty slot, which routing never leaves
   */
  ShardWindow complete() {
    for (int k = 0; k < examples.length; k++) {
      for (int i = 0; i < examples[k].length; i++) {
        if (examples[k][i] == null) {
          throw TrainingErrors.missingExample(firstStep + k, firstSlot + i, partition);
        }
      }
    }
    return this;
  }

  public int partition() {
    return partition;
  }

  /** Returns whether this partition computes nothing (more partitions than micro-batches). */
  public boolean isEmpty() {
    return examples.length == 0 || examples[0].length == 0;
  }

  /** Returns the index in the global batch of this partition's first micro-batch. */
  public int firstMicroBatch() {
    return firstSlot / microBatchSize;
  }

  /** Returns the micro-batches of {@code step}, each with its examples in slot order. */
  public List<List<TrainingExample>> microBatches(long step) {
    TrainingExample[] row = examples[Math.toIntExact(step - firstStep)];
    List<List<TrainingExample>> batches = new ArrayList<>();
    for (int start = 0; start < row.length; start += microBatchSize) {
      batches.add(Arrays.asList(row).subList(start, start + microBatchSize));
    }
    return batches;
  }
}
