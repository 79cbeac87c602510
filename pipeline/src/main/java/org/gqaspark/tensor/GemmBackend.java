package org.gqaspark.tensor;

import java.util.Locale;

/** Backends selectable with the system property {@value #PROPERTY}. */
public enum GemmBackend {
  /** The fastest available backend, chosen by a short measurement ({@link Gemms}). */
  AUTO,
  /** {@link VectorGemm}, pure Java with the Vector API. */
  JAVA,
  /** {@link NativeGemm}, the system BLAS through netlib-java. */
  NATIVE,
  /** {@link ScalarGemm}, the single-threaded reference; for tests and baselines only. */
  SCALAR;

  /** The system property that selects the backend: auto (default), java, native or scalar. */
  public static final String PROPERTY = "gqa.gemm";

  /** Parses a property value, case-insensitively. */
  public static GemmBackend parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw TensorErrors.unknownBackend(PROPERTY, value);
    }
  }

  /** Returns the backend named by {@value #PROPERTY}, or {@link #AUTO} when it is unset. */
  public static GemmBackend fromSystemProperty() {
    return parse(System.getProperty(PROPERTY, "auto"));
  }
}
