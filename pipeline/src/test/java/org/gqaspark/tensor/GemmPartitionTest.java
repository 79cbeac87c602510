package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmPartitionTest {

  @Test
  void coversEveryElementOnce() {
    int[][] shapes = {{1, 1, 1}, {7, 1100, 3}, {301, 211, 101}, {1030, 1025, 2048},
        {4096, 64, 512}, {64, 4096, 512}, {13, 17, 19}};
    for (int[] shape : shapes) {
      for (int threads = 1; threads <= 7; threads++) {
        GemmPartition partition = GemmPartition.plan(shape[0], shape[1], shape[2], threads, 6,
            64);
        String what = "m=" + shape[0] + " n=" + shape[1] + " k=" + shape[2] + " threads="
            + threads + " " + partition;
        assertTrue(partition.tasks() <= threads, "tasks for " + what);
        int[] covered = new int[shape[0] * shape[1]];
        for (int task = 0; task < partition.tasks(); task++) {
          int row0 = partition.rowStart(task);
          int col0 = partition.colStart(task);
          for (int i = row0; i < Math.min(row0 + partition.blockRows(), shape[0]); i++) {
            for (int j = col0; j < Math.min(col0 + partition.blockCols(), shape[1]); j++) {
              covered[i * shape[1] + j]++;
            }
          }
        }
        for (int index = 0; index < covered.length; index++) {
          assertEquals(1, covered[index], "coverage of element " + index + " for " + what);
        }
      }
    }
  }

  @Test
  void keepsSmallProductOnOneTask() {
    GemmPartition partition = GemmPartition.plan(64, 64, 64, 8, 6, 64);
    assertEquals(1, partition.tasks(), "tasks for a 0.5 MFLOP product");
  }

  @Test
  void usesAllThreadsOnLargeProduct() {
    GemmPartition partition = GemmPartition.plan(2048, 2048, 2048, 4, 6, 64);
    assertEquals(4, partition.tasks(), "tasks for 2048^3 on 4 threads");
  }
}
