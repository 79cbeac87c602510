package org.gqaspark.training;

import java.io.Serializable;

/**
 * How a global batch is cut: B slots form B / m micro-batches of m consecutive slots, and
 * partition p of P computes the micro-batches {@code [p M / P, (p + 1) M / P)} (M = B / m).
 * A micro-batch is the unit of work on every number of partitions, so its examples, padding
 * and dropout masks, and thus the gradient, do not depend on P.
 *
 * @param batchSize B, examples per global batch
 * @param microBatchSize m, examples per forward and backward pass
 * @param partitions P, Spark partitions that share a step
 */
public record ShardLayout(int batchSize, int microBatchSize, int partitions)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public ShardLayout {
    if (batchSize < 1) {
      throw TrainingErrors.invalidSetting("batch.global-size", batchSize, "at least 1");
    }
    if (microBatchSize < 1 || batchSize % microBatchSize != 0) {
      throw TrainingErrors.invalidSetting("batch.micro-size", microBatchSize,
          "a divisor of batch.global-size (" + batchSize + ")");
    }
    if (partitions < 1) {
      throw TrainingErrors.invalidSetting("partitions", partitions, "at least 1");
    }
  }

  /** Returns M, the micro-batches of one global batch. */
  public int microBatches() {
    return batchSize / microBatchSize;
  }

  /** Returns the first micro-batch of partition {@code partition}. */
  public int firstMicroBatch(int partition) {
    return (int) ((long) partition * microBatches() / partitions);
  }

  /** Returns the partition that computes micro-batch {@code microBatch}. */
  public int partitionOf(int microBatch) {
    // The largest p with firstMicroBatch(p) <= microBatch.
    int partition = (int) (((long) microBatch * partitions + partitions - 1) / microBatches());
    while (partition > 0 && firstMicroBatch(partition) > microBatch) {
      partition--;
    }
    while (partition + 1 < partitions && firstMicroBatch(partition + 1) <= microBatch) {
      partition++;
    }
    return partition;
  }

  /** Returns the partition that computes slot {@code slot} of a global batch. */
  public int partitionOfSlot(int slot) {
    return partitionOf(slot / microBatchSize);
  }

  /** Returns the slots of partition {@code partition}: {@code [first, end)}. */
  public int firstSlot(int partition) {
    return firstMicroBatch(partition) * microBatchSize;
  }

  /** Returns the end (exclusive) of the slots of partition {@code partition}. */
  public int endSlot(int partition) {
    return partition + 1 == partitions ? batchSize : firstSlot(partition + 1);
  }
}
