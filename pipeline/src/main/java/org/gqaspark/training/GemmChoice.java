package org.gqaspark.training;

import org.gqaspark.tensor.Gemm;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.gqaspark.tensor.NativeGemm;
import org.gqaspark.tensor.ScalarGemm;
import org.gqaspark.tensor.VectorGemm;

/**
 * Resolves the matrix-product backend of a run once, on the driver. {@code auto} measures
 * the backends in each JVM and may choose differently in another JVM (a resumed driver, an
 * executor on a busy machine); backends round differently, so the run fixes its choice and
 * every worker and later attempt uses it.
 */
final class GemmChoice {

  private GemmChoice() {}

  /** Returns {@code requested}, or for AUTO the backend this JVM measures fastest. */
  static GemmBackend resolve(GemmBackend requested, int threads) {
    if (requested != GemmBackend.AUTO) {
      return requested;
    }
    try (Gemm gemm = Gemms.create(GemmBackend.AUTO, threads)) {
      if (gemm instanceof NativeGemm) {
        return GemmBackend.NATIVE;
      }
      if (gemm instanceof VectorGemm) {
        return GemmBackend.JAVA;
      }
      if (gemm instanceof ScalarGemm) {
        return GemmBackend.SCALAR;
      }
      throw new IllegalStateException("Unknown sgemm backend " + gemm.name());
    }
  }
}
