package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GemmsTest {

  @Test
  void parsesBackendNames() {
    assertEquals(GemmBackend.AUTO, GemmBackend.parse("auto"));
    assertEquals(GemmBackend.JAVA, GemmBackend.parse("Java"));
    assertEquals(GemmBackend.NATIVE, GemmBackend.parse(" native "));
    assertEquals(GemmBackend.SCALAR, GemmBackend.parse("SCALAR"));
  }

  @Test
  void rejectsUnknownBackend() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GemmBackend.parse("mkl"));
    assertEquals("Invalid system property gqa.gemm: must be one of auto, java, native, scalar"
        + " but got \"mkl\".", e.getMessage());
  }

  @Test
  void createsJavaBackendWithGrantedThreads() {
    try (Gemm gemm = Gemms.create(GemmBackend.JAVA, 2)) {
      assertEquals("java-vector", gemm.name());
      assertEquals(2, gemm.threads());
    }
  }

  @Test
  void createsScalarBackend() {
    try (Gemm gemm = Gemms.create(GemmBackend.SCALAR, 4)) {
      assertEquals("scalar-reference", gemm.name());
    }
  }

  @Test
  void autoPicksFastBackend() {
    try (Gemm gemm = Gemms.create(GemmBackend.AUTO, 1)) {
      assertTrue(gemm.name().equals("java-vector") || gemm.name().startsWith("native:"),
          "auto chose " + gemm.name());
      GemmCases.check(gemm, GemmCases.small().get(20));
    }
  }

  @Test
  void onPoolUsesPoolThreads() {
    try (ComputePool pool = new ComputePool(3, "test-factory");
        Gemm gemm = Gemms.onPool(GemmBackend.JAVA, pool)) {
      assertEquals(3, gemm.threads());
    }
  }

  @Test
  void rejectsZeroThreads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gemms.create(GemmBackend.JAVA, 0));
    assertTrue(e.getMessage().startsWith("Invalid thread count for sgemm: must be >= 1 but got"
        + " 0."), e.getMessage());
  }

  @Test
  void nativeUnavailableNamesReason() {
    NativeBlas.Status status = NativeBlas.status();
    if (status.available()) {
      assertTrue(Set.of("openblas", "mkl", "blis", "atlas", "accelerate")
          .contains(status.shortName()) || status.library().contains(".so"),
          "library " + status.library());
      return;
    }
    TensorErrors.BackendUnavailableException e = assertThrows(
        TensorErrors.BackendUnavailableException.class,
        () -> Gemms.create(GemmBackend.NATIVE, 1));
    assertTrue(e.getMessage().contains("apt-get install libopenblas0"), e.getMessage());
  }
}
