package org.gqaspark.model.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gqaspark.tensor.ScalarGemm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@link FloatCompute} operation against the {@link DoubleCompute} reference on the
 * same inputs, with odd sizes and two threads, so that the parallel split and the row
 * tails run. Tolerance: {@code max|float - double| <= 2e-5 * max(1, max|double|)}, a few
 * float32 rounding steps.
 */
class FloatComputeTest {

  private static final double TOLERANCE = 2e-5;

  private final FloatCompute fast = new FloatCompute(2, pool -> new ScalarGemm());
  private final DoubleCompute reference = new DoubleCompute();
  private final SplittableRandom random = new SplittableRandom(2024);

  @AfterEach
  void close() {
    fast.close();
  }

  /** The same random values on both backends. */
  private record Pair(Tensor fast, Tensor reference) {}

  private Pair random(int... shape) {
    Tensor tensor = fast.zeros(shape);
    float[] values = new float[tensor.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return new Pair(fast.fromFloats(values, shape), reference.fromFloats(values, shape));
  }

  private Pair zeros(int... shape) {
    return new Pair(fast.zeros(shape), reference.zeros(shape));
  }

  private void assertClose(String operation, Pair pair) {
    float[] actual = fast.toFloats(pair.fast());
    double[] expected = ((DoubleTensor) pair.reference()).data();
    double scale = 1;
    for (double value : expected) {
      scale = Math.max(scale, Math.abs(value));
    }
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(actual[i] - expected[i]);
      if (error > worst) {
        worst = error;
        at = i;
      }
    }
    assertTrue(worst <= TOLERANCE * scale, operation + ": element " + at + " differs by " + worst
        + " (scale " + scale + ")");
  }

  @Test
  void matmulTransposes() {
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        Pair a = random(transA ? 19 : 13, transA ? 13 : 19);
        Pair b = random(transB ? 7 : 19, transB ? 19 : 7);
        Pair c = random(13, 7);
        fast.matmul(transA, transB, 13, 7, 19, 0.5f, a.fast(), b.fast(), 2f, c.fast());
        reference.matmul(transA, transB, 13, 7, 19, 0.5f, a.reference(), b.reference(), 2f,
            c.reference());
        assertClose("matmul " + transA + " " + transB, c);
      }
    }
  }

  @Test
  void fewRowMatmulMatchesReference() {
    // At most 8 rows in A take the row-streaming kernel instead of the GEMM backend.
    for (int m : new int[] {1, 5, 8}) {
      for (boolean transB : new boolean[] {false, true}) {
        Pair a = random(m, 37);
        Pair b = random(transB ? 70 : 37, transB ? 37 : 70);
        Pair c = random(m, 70);
        fast.matmul(false, transB, m, 70, 37, 0.5f, a.fast(), b.fast(), 2f, c.fast());
        reference.matmul(false, transB, m, 70, 37, 0.5f, a.reference(), b.reference(), 2f,
            c.reference());
        assertClose("matmul m " + m + ", transB " + transB, c);
      }
    }
  }

  @Test
  void packedMatmulMatchesReference() {
    for (int m : new int[] {1, 3, 4, 5, 8, 9, 17}) {
      for (int n : new int[] {1, 31, 32, 33, 100}) {
        for (int k : new int[] {1, 17, 64}) {
          Pair x = random(m, k);
          Pair weight = random(n, k);
          Pair y = random(m, n);
          fast.matmul(m, 0.5f, x.fast(), fast.packWeight(weight.fast(), n, k), y.fast());
          reference.matmul(m, 0.5f, x.reference(),
              reference.packWeight(weight.reference(), n, k), y.reference());
          assertClose("packed matmul m " + m + ", n " + n + ", k " + k, y);
        }
      }
    }
  }

  @Test
  void panelProductMatchesReference() {
    // 3 x 2 entries: A [5, 9] times B [9, 70], B packed in each backend's own panel width.
    Pair a = random(3, 2, 5, 9);
    Pair b = random(3, 2, 9, 70);
    Pair c = random(3, 2, 5, 70);
    int fastPanels = (70 + fast.panelWidth() - 1) / fast.panelWidth();
    int referencePanels = (70 + reference.panelWidth() - 1) / reference.panelWidth();
    Tensor fastPacked = fast.zeros(6, fastPanels, 9, fast.panelWidth());
    Tensor referencePacked = reference.zeros(6, referencePanels, 9, reference.panelWidth());
    fast.packPanels(6, 9, 70, b.fast(), fastPacked);
    reference.packPanels(6, 9, 70, b.reference(), referencePacked);

    fast.batchedMatmulPanels(3, 2, 5, 70, 9, 0.5f,
        new BatchedOperand(a.fast(), 0, 9, 2 * 5 * 9, 5 * 9),
        new BatchedOperand(fastPacked, 0, 1, 2 * fastPanels * 9 * fast.panelWidth(),
            fastPanels * 9 * fast.panelWidth()),
        new BatchedOperand(c.fast(), 0, 70, 2 * 5 * 70, 5 * 70));
    reference.batchedMatmulPanels(3, 2, 5, 70, 9, 0.5f,
        new BatchedOperand(a.reference(), 0, 9, 2 * 5 * 9, 5 * 9),
        new BatchedOperand(referencePacked, 0, 1,
            2 * referencePanels * 9 * reference.panelWidth(),
            referencePanels * 9 * reference.panelWidth()),
        new BatchedOperand(c.reference(), 0, 70, 2 * 5 * 70, 5 * 70));
    assertClose("batchedMatmulPanels", c);
  }

  @Test
  void packPanelsExactLayout() {
    // Two matrices [3, W + 5]: element (matrix, r, column) = 1000 matrix + 100 r + column.
    int width = fast.panelWidth();
    int columns = width + 5;
    float[] values = new float[2 * 3 * columns];
    for (int matrix = 0; matrix < 2; matrix++) {
      for (int r = 0; r < 3; r++) {
        for (int column = 0; column < columns; column++) {
          values[(matrix * 3 + r) * columns + column] = 1000 * matrix + 100 * r + column;
        }
      }
    }
    Tensor packed = fast.fromFloats(filled(2 * 2 * 3 * width, -1f), 2, 2, 3, width);
    fast.packPanels(2, 3, columns, fast.fromFloats(values, 2, 3, columns), packed);
    float[] out = fast.toFloats(packed);

    // Matrix 1, row 2, column W + 4: panel 1, position 4 of its row 2.
    assertEquals(1000 + 200 + width + 4, out[((1 * 2 + 1) * 3 + 2) * width + 4]);
    // Matrix 0, row 1, column 3: panel 0.
    assertEquals(103f, out[((0 * 2 + 0) * 3 + 1) * width + 3]);
    // Padding past the last column of panel 1 is zero.
    assertEquals(0f, out[((0 * 2 + 1) * 3 + 1) * width + 5]);
  }

  @Test
  void batchedMatmulStrides() {
    // 3 x 2 entries of [5, 4] x [4, 6]^T read with strides from padded storage.
    Pair a = random(3, 2, 5, 4);
    Pair b = random(3, 6, 2 * 4);
    Pair c = zeros(3, 2, 5, 6);
    BatchedOperand[] fastOps = operands(a.fast(), b.fast(), c.fast());
    BatchedOperand[] referenceOps = operands(a.reference(), b.reference(), c.reference());
    fast.batchedMatmul(3, 2, false, true, 5, 6, 4, 1f, fastOps[0], fastOps[1], 0f, fastOps[2]);
    reference.batchedMatmul(3, 2, false, true, 5, 6, 4, 1f, referenceOps[0], referenceOps[1],
        0f, referenceOps[2]);
    assertClose("batchedMatmul", c);
  }

  private static BatchedOperand[] operands(Tensor a, Tensor b, Tensor c) {
    return new BatchedOperand[] {
        new BatchedOperand(a, 0, 4, 2 * 5 * 4, 5 * 4),
        new BatchedOperand(b, 0, 2 * 4, 6 * 2 * 4, 4),
        new BatchedOperand(c, 0, 6, 2 * 5 * 6, 5 * 6)};
  }

  @Test
  void elementwiseOperations() {
    Pair x = random(301, 67);
    Pair y = random(301, 67);
    fast.addInPlace(x.fast(), y.fast());
    reference.addInPlace(x.reference(), y.reference());
    fast.scale(x.fast(), 0.75f);
    reference.scale(x.reference(), 0.75f);
    fast.dropout(x.fast(), 0.3, 99);
    reference.dropout(x.reference(), 0.3, 99);
    fast.relu(x.fast());
    reference.relu(x.reference());
    fast.reluBackward(x.fast(), y.fast());
    reference.reluBackward(x.reference(), y.reference());
    assertClose("relu(dropout(scale(x + y)))", x);
    assertClose("reluBackward", y);
  }

  @Test
  void gatedGeluForwardBackward() {
    Pair gate = random(129, 65);
    Pair linear = random(129, 65);
    Pair out = zeros(129, 65);
    Pair dOut = random(129, 65);
    Pair dGate = zeros(129, 65);
    fast.gatedGelu(gate.fast(), linear.fast(), out.fast());
    reference.gatedGelu(gate.reference(), linear.reference(), out.reference());
    fast.gatedGeluBackward(gate.fast(), linear.fast(), dOut.fast(), dGate.fast(), dOut.fast());
    reference.gatedGeluBackward(gate.reference(), linear.reference(), dOut.reference(),
        dGate.reference(), dOut.reference());
    assertClose("gatedGelu", out);
    assertClose("dGate", dGate);
    assertClose("dLinear", dOut);
  }

  @Test
  void rmsNormForwardBackward() {
    Pair x = random(517, 37);
    Pair weight = random(37);
    Pair out = zeros(517, 37);
    Pair inverseRms = zeros(517);
    Pair dOut = random(517, 37);
    Pair dx = random(517, 37);
    Pair dWeight = random(37);
    fast.rmsNorm(x.fast(), weight.fast(), 1e-6, out.fast(), inverseRms.fast());
    reference.rmsNorm(x.reference(), weight.reference(), 1e-6, out.reference(),
        inverseRms.reference());
    fast.rmsNormBackward(dOut.fast(), x.fast(), weight.fast(), inverseRms.fast(), dx.fast(),
        dWeight.fast());
    reference.rmsNormBackward(dOut.reference(), x.reference(), weight.reference(),
        inverseRms.reference(), dx.reference(), dWeight.reference());
    assertClose("rmsNorm", out);
    assertClose("dx", dx);
    assertClose("dWeight", dWeight);
  }

  @Test
  void embeddingGatherScatter() {
    int[] ids = new int[611];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(23);
    }
    Pair table = random(23, 41);
    Pair out = zeros(611, 41);
    Pair dTable = random(23, 41);
    fast.gatherRows(table.fast(), ids, out.fast());
    reference.gatherRows(table.reference(), ids, out.reference());
    fast.scatterAddRows(out.fast(), ids, dTable.fast());
    reference.scatterAddRows(out.reference(), ids, dTable.reference());
    assertClose("gatherRows", out);
    assertClose("scatterAddRows", dTable);
  }

  @Test
  void headsSplitMerge() {
    Pair x = random(3, 7, 4 * 5);
    Pair heads = zeros(3, 4, 7, 5);
    Pair back = zeros(3, 7, 4 * 5);
    fast.splitHeads(x.fast(), heads.fast(), 3, 7, 4, 5);
    reference.splitHeads(x.reference(), heads.reference(), 3, 7, 4, 5);
    fast.mergeHeads(heads.fast(), back.fast(), 3, 7, 4, 5);
    reference.mergeHeads(heads.reference(), back.reference(), 3, 7, 4, 5);
    assertClose("splitHeads", heads);
    assertClose("mergeHeads", back);
  }

  @Test
  void cacheWriteGatherMatchesReference() {
    // 5 rows, 3 heads, capacity 7, d 4: write positions 0..3, then gather rows by parent.
    Pair cache = zeros(5, 3, 7, 4);
    Pair reordered = random(5, 3, 7, 4);
    for (int position = 0; position < 4; position++) {
      Pair x = random(5, 3 * 4);
      fast.writeCachePosition(x.fast(), cache.fast(), 5, 3, 7, 4, position);
      reference.writeCachePosition(x.reference(), cache.reference(), 5, 3, 7, 4, position);
    }
    int[] parents = {4, 4, 0, 2, 1};
    fast.gatherCacheRows(cache.fast(), parents, reordered.fast(), 3, 7, 4, 4);
    reference.gatherCacheRows(cache.reference(), parents, reordered.reference(), 3, 7, 4, 4);
    assertClose("writeCachePosition", cache);
    assertClose("gatherCacheRows", reordered);
  }

  @Test
  void cacheWriteGatherExactPositions() {
    // x[r, h*d + i] = 100 r + 10 h + i, written at position 2 of a [3, 2, 4, 3] cache.
    float[] values = new float[3 * 2 * 3];
    for (int r = 0; r < 3; r++) {
      for (int h = 0; h < 2; h++) {
        for (int i = 0; i < 3; i++) {
          values[(r * 2 + h) * 3 + i] = 100 * r + 10 * h + i;
        }
      }
    }
    Tensor cache = fast.zeros(3, 2, 4, 3);
    fast.writeCachePosition(fast.fromFloats(values, 3, 6), cache, 3, 2, 4, 3, 2);
    Tensor reordered = fast.fromFloats(filled(3 * 2 * 4 * 3, -1f), 3, 2, 4, 3);
    fast.gatherCacheRows(cache, new int[] {2, 0, 0}, reordered, 2, 4, 3, 3);
    float[] written = fast.toFloats(cache);
    float[] gathered = fast.toFloats(reordered);

    // cache[1, 1, 2, 2] = x[1, 1*3 + 2]; position 3 stays zero
    assertEquals(112f, written[((1 * 2 + 1) * 4 + 2) * 3 + 2]);
    assertEquals(0f, written[((1 * 2 + 1) * 4 + 3) * 3 + 2]);
    // out[0, 1, 2, 0] = cache[2, 1, 2, 0]; positions from length 3 on are left as they were
    assertEquals(210f, gathered[((0 * 2 + 1) * 4 + 2) * 3]);
    assertEquals(0f, gathered[((0 * 2 + 1) * 4 + 1) * 3]);
    assertEquals(-1f, gathered[((0 * 2 + 1) * 4 + 3) * 3]);
  }

  private static float[] filled(int length, float value) {
    float[] values = new float[length];
    java.util.Arrays.fill(values, value);
    return values;
  }

  @Test
  void logSumExpMatchesReference() {
    Pair x = random(37, 1001);
    Pair out = zeros(37);
    fast.scale(x.fast(), 30f);
    reference.scale(x.reference(), 30f);
    fast.logSumExp(x.fast(), 1001, out.fast());
    reference.logSumExp(x.reference(), 1001, out.reference());
    assertClose("logSumExp", out);
  }

  @Test
  void logSumExpOfEqualLogits() {
    // log(sum of 5 times exp(1000)) = 1000 + log 5, without overflow
    Tensor x = fast.fromFloats(filled(5, 1000f), 1, 5);
    Tensor out = fast.zeros(1);
    fast.logSumExp(x, 5, out);
    assertEquals(1000 + Math.log(5), fast.toFloats(out)[0], 1e-4);
  }

  @Test
  void attentionSoftmaxMasks() {
    int batch = 3;
    int heads = 4;
    int queries = 29;
    int keys = 31;
    int[] padding = new int[batch * keys];
    for (int i = 0; i < padding.length; i++) {
      padding[i] = i % keys < keys - 3 * (i / keys) ? 1 : 0;
    }
    for (AttentionMask mask : new AttentionMask[] {
        AttentionMask.padding(padding, keys), AttentionMask.causal(padding, keys, 2)}) {
      Pair scores = random(batch, heads, queries, keys);
      Pair bias = random(heads, queries, keys);
      Pair dProbs = random(batch, heads, queries, keys);
      fast.attentionSoftmax(scores.fast(), batch, heads, queries, keys, bias.fast(), mask);
      reference.attentionSoftmax(scores.reference(), batch, heads, queries, keys,
          bias.reference(), mask);
      fast.softmaxBackward(scores.fast(), dProbs.fast(), keys);
      reference.softmaxBackward(scores.reference(), dProbs.reference(), keys);
      assertClose("attentionSoftmax causal=" + mask.causal(), scores);
      assertClose("softmaxBackward causal=" + mask.causal(), dProbs);
    }
  }

  @Test
  void maskedRowIsUniform() {
    Tensor scores = fast.fromFloats(new float[] {1f, 2f, 3f, 4f}, 1, 1, 1, 4);
    fast.attentionSoftmax(scores, 1, 1, 1, 4, null,
        AttentionMask.padding(new int[] {0, 0, 0, 0}, 4));
    assertEquals(0.25f, fast.toFloats(scores)[2]);
  }

  @Test
  void positionBiasForwardBackward() {
    int[] buckets = new int[37 * 41];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = random.nextInt(9);
    }
    Pair table = random(9, 4);
    Pair bias = zeros(4, 37, 41);
    Pair dScores = random(3, 4, 37 * 41);
    Pair dTable = random(9, 4);
    fast.positionBias(table.fast(), buckets, bias.fast());
    reference.positionBias(table.reference(), buckets, bias.reference());
    fast.positionBiasBackward(dScores.fast(), 3, buckets, dTable.fast());
    reference.positionBiasBackward(dScores.reference(), 3, buckets, dTable.reference());
    assertClose("positionBias", bias);
    assertClose("positionBiasBackward", dTable);
  }

  @Test
  void crossEntropyLossAndGradient() {
    Pair logits = random(97, 331);
    int[] targets = new int[97];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = i % 5 == 0 ? -1 : random.nextInt(331);
    }
    Pair dLogits = zeros(97, 331);
    double fastLoss = fast.crossEntropy(logits.fast(), targets, dLogits.fast(), 0.1);
    double referenceLoss = reference.crossEntropy(logits.reference(), targets,
        dLogits.reference(), 0.1);
    assertEquals(referenceLoss, fastLoss, 1e-5 * Math.abs(referenceLoss));
    assertClose("dLogits", dLogits);
  }

  @Test
  void sumOfSquaresMatches() {
    Pair x = random(70001);
    double expected = reference.sumOfSquares(x.reference());
    // float32 sums within blocks of 16384 elements, double across blocks
    assertEquals(expected, fast.sumOfSquares(x.fast()), 1e-6 * expected);
  }
}
