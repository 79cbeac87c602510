package org.gqaspark.tensor;

import static org.gqaspark.tensor.KernelChecks.LENGTHS;
import static org.gqaspark.tensor.KernelChecks.OFFSET;
import static org.gqaspark.tensor.KernelChecks.assertClose;
import static org.gqaspark.tensor.KernelChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActivationsTest {

  @Test
  void reluMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 1f, 1);
      float[] expected = random(n, 1f, 2);
      float[] actual = expected.clone();
      Activations.Reference.relu(x, OFFSET, expected, OFFSET, n);
      Activations.relu(x, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 0, "relu, length " + n);
    }
  }

  @Test
  void reluBackwardMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 1f, 3);
      float[] dy = random(n, 1f, 4);
      float[] expected = random(n, 1f, 5);
      float[] actual = expected.clone();
      Activations.Reference.reluBackward(x, OFFSET, dy, OFFSET, expected, OFFSET, n);
      Activations.reluBackward(x, OFFSET, dy, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 0, "relu backward, length " + n);
    }
  }

  @Test
  void geluMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 6f, 6);
      float[] expected = random(n, 1f, 7);
      float[] actual = expected.clone();
      Activations.Reference.gelu(x, OFFSET, expected, OFFSET, n);
      Activations.gelu(x, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 1e-6, "gelu, length " + n);
    }
  }

  @Test
  void geluMatchesHuggingFaceValues() {
    // gelu_new(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), evaluated in double.
    float[] x = {-3f, -1f, 0f, 0.5f, 1f, 2f};
    float[] y = new float[x.length];
    Activations.gelu(x, 0, y, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      double expected = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI)
          * (v + 0.044715 * v * v * v)));
      assertEquals(expected, y[i], 1e-6, "gelu(" + x[i] + ")");
    }
  }

  @Test
  void geluBackwardMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 6f, 8);
      float[] dy = random(n, 1f, 9);
      float[] expected = random(n, 1f, 10);
      float[] actual = expected.clone();
      Activations.Reference.geluBackward(x, OFFSET, dy, OFFSET, expected, OFFSET, n);
      Activations.geluBackward(x, OFFSET, dy, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 1e-5, "gelu backward, length " + n);
    }
  }

  @Test
  void geluBackwardMatchesFiniteDifferences() {
    float[] x = {-3f, -1.3f, -0.2f, 0f, 0.4f, 1.1f, 2.5f};
    float[] ones = {1f, 1f, 1f, 1f, 1f, 1f, 1f};
    float[] dx = new float[x.length];
    Activations.geluBackward(x, 0, ones, 0, dx, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      double h = 1e-5;
      double numeric = (gelu(x[i] + h) - gelu(x[i] - h)) / (2 * h);
      assertEquals(numeric, dx[i], 1e-5, "gelu'(" + x[i] + ") against finite differences");
    }
  }

  @Test
  void geluInPlace() {
    float[] x = random(35, 4f, 11);
    float[] expected = x.clone();
    Activations.Reference.gelu(x, OFFSET, expected, OFFSET, 35);
    Activations.gelu(x, OFFSET, x, OFFSET, 35);
    assertClose(expected, x, 1e-6, "gelu in place");
  }

  private static double gelu(double v) {
    return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
  }
}
