package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class VectorGemmTest {

  @Test
  void matchesReferenceOnOneThread() {
    try (VectorGemm gemm = new VectorGemm(1)) {
      for (GemmCases.Case c : GemmCases.small()) {
        GemmCases.check(gemm, c);
      }
    }
  }

  @Test
  void matchesReferenceOnThreeThreads() {
    try (VectorGemm gemm = new VectorGemm(3)) {
      for (GemmCases.Case c : GemmCases.threaded()) {
        GemmCases.check(gemm, c);
      }
      for (GemmCases.Case c : GemmCases.small()) {
        GemmCases.check(gemm, c);
      }
    }
  }

  @Test
  void sharedPoolRunsNestedCallsInline() {
    try (ComputePool pool = new ComputePool(2, "test-shared")) {
      Gemm gemm = VectorGemm.onPool(pool);
      List<GemmCases.Case> cases = GemmCases.threaded();
      // Each loop body calls sgemm, which must run on the body's thread instead of
      // submitting a nested loop to the same two threads.
      pool.parallelFor(cases.size(), i -> GemmCases.check(gemm, cases.get(i)));
      gemm.close();
      pool.parallelFor(2, i -> { });
    }
  }

  @Test
  void startsThreadsMinusOneWorkers() {
    try (ComputePool pool = new ComputePool(3, "test-count")) {
      Gemm gemm = VectorGemm.onPool(pool);
      GemmCases.check(gemm, GemmCases.threaded().get(0));
      long workers = Thread.getAllStackTraces().keySet().stream()
          .filter(thread -> thread.getName().startsWith(pool.name() + "-"))
          .count();
      assertEquals(2, workers, "worker threads of a pool granted 3 threads");
    }
  }

  @Test
  void rejectsShortArray() {
    try (VectorGemm gemm = new VectorGemm(1)) {
      float[] a = new float[5];
      float[] b = new float[6];
      float[] c = new float[4];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
      assertEquals("Invalid sgemm argument: A stored as A[2, 3] at offset 0 with leading"
          + " dimension 3 needs 6 elements, but its array has 5. Check the offset, the leading"
          + " dimension and the transpose flag.", e.getMessage());
    }
  }

  @Test
  void rejectsSmallLeadingDimension() {
    try (VectorGemm gemm = new VectorGemm(1)) {
      float[] x = new float[64];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> gemm.sgemm(true, false, 4, 4, 2, 1f, x, 0, 3, x, 0, 4, 0f, new float[16], 0, 4));
      assertEquals("Invalid sgemm argument: ldA must be >= 4 (the row length of A[2, 4] as"
          + " stored) but got 3.", e.getMessage());
    }
  }

  @Test
  void rejectsNegativeDimension() {
    try (VectorGemm gemm = new VectorGemm(1)) {
      float[] x = new float[4];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
      assertEquals("Invalid sgemm argument: m must be >= 0 but got -1.", e.getMessage());
    }
  }
}
