package org.gqaspark.training;

import org.apache.spark.Partitioner;

/** Sends each window position (a {@code Long} key) to the partition that computes its slot. */
final class ShardPartitioner extends Partitioner {

  private static final long serialVersionUID = 1L;

  private final ShardLayout layout;

  ShardPartitioner(ShardLayout layout) {
    this.layout = layout;
  }

  @Override
  public int numPartitions() {
    return layout.partitions();
  }

  @Override
  public int getPartition(Object key) {
    long position = (Long) key;
    return layout.partitionOfSlot((int) (position % layout.batchSize()));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShardPartitioner that && that.layout.equals(layout);
  }

  @Override
  public int hashCode() {
    return layout.hashCode();
  }
}
