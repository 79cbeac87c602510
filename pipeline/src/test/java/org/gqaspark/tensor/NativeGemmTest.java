package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeGemmTest {

  @BeforeEach
  void requireNativeBlas() {
    NativeBlas.Status status = NativeBlas.status();
    assumeTrue(status.available(), () -> "Skipped: no native BLAS loads here. "
        + status.reason());
  }

  @Test
  void matchesReferenceOnOneThread() {
    try (NativeGemm gemm = new NativeGemm(1)) {
      for (GemmCases.Case c : GemmCases.small()) {
        GemmCases.check(gemm, c);
      }
    }
  }

  @Test
  void matchesReferenceOnThreeThreads() {
    try (NativeGemm gemm = new NativeGemm(3)) {
      for (GemmCases.Case c : GemmCases.threaded()) {
        GemmCases.check(gemm, c);
      }
    }
  }

  @Test
  void namesLoadedLibrary() {
    try (NativeGemm gemm = new NativeGemm(1)) {
      assertTrue(gemm.name().startsWith("native:"), "backend name " + gemm.name());
    }
  }
}
