package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShardLayoutTest {

  @Test
  void partitionsCoverMicroBatches() {
    for (int microBatches = 1; microBatches <= 9; microBatches++) {
      for (int partitions = 1; partitions <= 11; partitions++) {
        ShardLayout layout = new ShardLayout(2 * microBatches, 2, partitions);
        for (int microBatch = 0; microBatch < microBatches; microBatch++) {
          int partition = layout.partitionOf(microBatch);
          String where = microBatches + " micro-batches, " + partitions + " partitions, "
              + "micro-batch " + microBatch;
          assertEquals(true, layout.firstMicroBatch(partition) <= microBatch, where);
          assertEquals(true, partition + 1 == partitions
              || layout.firstMicroBatch(partition + 1) > microBatch, where);
        }
      }
    }
  }

  @Test
  void threePartitionsOfFour() {
    ShardLayout layout = new ShardLayout(8, 2, 3);

    assertEquals(0, layout.firstSlot(0));
    assertEquals(2, layout.firstSlot(1));
    assertEquals(4, layout.firstSlot(2));
    assertEquals(8, layout.endSlot(2));
  }

  @Test
  void microBatchMustDivideBatch() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new ShardLayout(10, 4, 2));

    assertEquals("Invalid training setting batch.micro-size: must be a divisor of"
        + " batch.global-size (10) but got 4.", error.getMessage());
  }
}
