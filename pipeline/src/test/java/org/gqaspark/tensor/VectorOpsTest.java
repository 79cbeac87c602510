package org.gqaspark.tensor;

import static org.gqaspark.tensor.KernelChecks.LENGTHS;
import static org.gqaspark.tensor.KernelChecks.OFFSET;
import static org.gqaspark.tensor.KernelChecks.assertClose;
import static org.gqaspark.tensor.KernelChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorOpsTest {

  @Test
  void dotMatchesReference() {
    for (int n : LENGTHS) {
      float[] a = random(n, 1f, 1);
      float[] b = random(n, 1f, 2);
      float expected = VectorOps.Reference.dot(a, OFFSET, b, OFFSET + 1, n);
      float actual = VectorOps.dot(a, OFFSET, b, OFFSET + 1, n);
      assertEquals(expected, actual, 1e-5 * (n + 1), "dot, length " + n);
    }
  }

  @Test
  void axpyMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 1f, 3);
      float[] expected = random(n, 1f, 4);
      float[] actual = expected.clone();
      VectorOps.Reference.axpy(-0.75f, x, OFFSET, expected, OFFSET, n);
      VectorOps.axpy(-0.75f, x, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 1e-6, "axpy, length " + n);
    }
  }

  @Test
  void scaleMatchesReference() {
    for (int n : LENGTHS) {
      float[] expected = random(n, 1f, 5);
      float[] actual = expected.clone();
      VectorOps.Reference.scale(1.5f, expected, OFFSET, n);
      VectorOps.scale(1.5f, actual, OFFSET, n);
      assertClose(expected, actual, 0, "scale, length " + n);
    }
  }

  @Test
  void sumMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 1f, 6);
      float expected = VectorOps.Reference.sum(x, OFFSET, n);
      assertEquals(expected, VectorOps.sum(x, OFFSET, n), 1e-5 * (n + 1), "sum, length " + n);
    }
  }

  @Test
  void maxMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 10f, 7);
      float expected = VectorOps.Reference.max(x, OFFSET, n);
      assertEquals(expected, VectorOps.max(x, OFFSET, n), 0f, "max, length " + n);
    }
  }

  @Test
  void maxPropagatesNaN() {
    float[] x = random(33, 1f, 8);
    x[OFFSET + 20] = Float.NaN;
    assertTrue(Float.isNaN(VectorOps.max(x, OFFSET, 33)), "max of a slice with NaN");
  }

  @Test
  void multiplyMatchesReference() {
    for (int n : LENGTHS) {
      float[] a = random(n, 1f, 9);
      float[] b = random(n, 1f, 10);
      float[] expected = random(n, 1f, 11);
      float[] actual = expected.clone();
      VectorOps.Reference.multiply(a, OFFSET, b, OFFSET, expected, OFFSET, n);
      VectorOps.multiply(a, OFFSET, b, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 0, "multiply, length " + n);
    }
  }

  @Test
  void multiplyInPlace() {
    float[] a = random(37, 1f, 12);
    float[] b = random(37, 1f, 13);
    float[] expected = a.clone();
    VectorOps.Reference.multiply(a, OFFSET, b, OFFSET, expected, OFFSET, 37);
    VectorOps.multiply(a, OFFSET, b, OFFSET, a, OFFSET, 37);
    assertClose(expected, a, 0, "multiply into a");
  }

  @Test
  void rejectsSliceOutsideArray() {
    float[] x = new float[10];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VectorOps.sum(x, 4, 7));
    assertEquals("Invalid slice of x: offset 4 and length 7 reach element 11, but the array has"
        + " 10 elements.", e.getMessage());
  }
}
