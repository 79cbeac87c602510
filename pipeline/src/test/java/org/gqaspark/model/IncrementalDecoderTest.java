package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.DoubleCompute;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cached incremental decoding against full recomputation: at every step, the logits of
 * {@link IncrementalDecoder#step} equal those of a teacher-forced {@link T5Model} forward
 * pass over the same decoder prefix, for multi-head, grouped-query and multi-query
 * attention, both feed-forward kinds, padded sources, two beams per source row sharing the
 * cross-attention keys and values, and a cache reorder in the middle.
 *
 * <p>Tolerance in float32: {@code max|cached - full| <= 2e-6 * max|full|} per step, a few
 * rounding steps of the logits, which differ only in the order of summation; the argmax of
 * every row must be identical. In float64 the two agree to float32 rounding of the result.
 */
class IncrementalDecoderTest {

  static final double FLOAT_TOLERANCE = 2e-6;
  static final double DOUBLE_TOLERANCE = 1e-7;

  /** Source rows of {@link TinyModels#paddedBatch}: lengths 6, 4 and 2 of 6. */
  static final int[] INPUT_IDS = {
      3, 7, 2, 9, 4, 1,
      5, 8, 6, 1, 0, 0,
      11, 1, 0, 0, 0, 0};
  static final int[] ATTENTION_MASK = {
      1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 0, 0,
      1, 1, 0, 0, 0, 0};
  static final int SOURCE_ROWS = 3;
  static final int SOURCE_LENGTH = 6;
  static final int BEAMS = 2;
  static final int STEPS = 6;
  /** Step before which the rows are reordered. */
  static final int REORDER_STEP = 3;
  /** Beam 1 of each source row continues beam 0, and beam 0 continues beam 1. */
  static final int[] PARENTS = {1, 0, 2, 2, 5, 4};

  /** Tokens fed at each step [R, STEPS], the decoder start token first. */
  static final int[][] TOKENS = {
      {0, 4, 12, 6, 2, 9},
      {0, 9, 3, 1, 7, 5},
      {0, 7, 10, 5, 3, 8},
      {0, 2, 2, 11, 0, 4},
      {0, 12, 8, 4, 6, 1},
      {0, 5, 1, 9, 10, 2}};

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(4, FeedForwardKind.RELU, true),
        Arguments.of(4, FeedForwardKind.GATED_GELU, false),
        Arguments.of(2, FeedForwardKind.RELU, false),
        Arguments.of(2, FeedForwardKind.GATED_GELU, true),
        Arguments.of(1, FeedForwardKind.RELU, true),
        Arguments.of(1, FeedForwardKind.GATED_GELU, false));
  }

  @ParameterizedTest(name = "kv heads {0}, {1}, tied {2}")
  @MethodSource("shapes")
  void cachedMatchesFullFloat(int keyValueHeads, FeedForwardKind ff, boolean tied) {
    T5Config config = TinyModels.config(keyValueHeads, T5Config.DEFAULT_GQA_ATTENTION_KINDS,
        ff, tied, 0.1);
    try (FloatCompute compute = new FloatCompute(2,
        pool -> Gemms.onPool(GemmBackend.JAVA, pool))) {
      compareWithFullPass(config, compute, FLOAT_TOLERANCE);
    }
  }

  @ParameterizedTest(name = "kv heads {0}, {1}, tied {2}")
  @MethodSource("shapes")
  void cachedMatchesFullDouble(int keyValueHeads, FeedForwardKind ff, boolean tied) {
    T5Config config = TinyModels.config(keyValueHeads, T5Config.DEFAULT_GQA_ATTENTION_KINDS,
        ff, tied, 0.1);
    compareWithFullPass(config, new DoubleCompute(), DOUBLE_TOLERANCE);
  }

  @Test
  void stepBeyondCapacityRejected() {
    IncrementalDecoder decoder = tinyDecoder();
    DecoderState state = decoder.start(INPUT_IDS, ATTENTION_MASK, SOURCE_ROWS, SOURCE_LENGTH,
        1, 1);
    decoder.step(state, new int[] {0, 0, 0});

    assertThrows(IllegalStateException.class, () -> decoder.step(state, new int[] {0, 0, 0}));
  }

  @Test
  void reorderAcrossSourceRowsRejected() {
    IncrementalDecoder decoder = tinyDecoder();
    DecoderState state = decoder.start(INPUT_IDS, ATTENTION_MASK, SOURCE_ROWS, SOURCE_LENGTH,
        BEAMS, STEPS);

    assertThrows(IllegalArgumentException.class,
        () -> decoder.reorder(state, new int[] {0, 2, 2, 3, 4, 5}));
  }

  private static IncrementalDecoder tinyDecoder() {
    T5Config config = TinyModels.config(2, FeedForwardKind.RELU, true);
    ParameterStore store = ParameterStore.forModel(config, new DoubleCompute());
    T5Initializer.initialize(store, config, 3);
    return new IncrementalDecoder(config, store);
  }

  private static void compareWithFullPass(T5Config config, Compute compute, double tolerance) {
    ParameterStore store = ParameterStore.forModel(config, compute);
    T5Initializer.initialize(store, config, 11);
    IncrementalDecoder decoder = new IncrementalDecoder(config, store);
    T5Model model = new T5Model(config, store);
    int rows = SOURCE_ROWS * BEAMS;
    int vocab = config.vocabSize();

    DecoderState state = decoder.start(INPUT_IDS, ATTENTION_MASK, SOURCE_ROWS, SOURCE_LENGTH,
        BEAMS, STEPS);
    int[][] prefixes = new int[rows][0]; // what each row's cache holds, token by token
    for (int step = 0; step < STEPS; step++) {
      if (step == REORDER_STEP) {
        decoder.reorder(state, PARENTS);
        int[][] reordered = new int[rows][];
        for (int r = 0; r < rows; r++) {
          reordered[r] = prefixes[PARENTS[r]];
        }
        prefixes = reordered;
      }
      int[] tokens = new int[rows];
      for (int r = 0; r < rows; r++) {
        tokens[r] = TOKENS[r][step];
        prefixes[r] = append(prefixes[r], tokens[r]);
      }

      float[] cached = compute.toFloats(decoder.step(state, tokens));
      float[] full = lastPositionLogits(model, compute, prefixes, vocab);

      double scale = 0;
      double worst = 0;
      for (int i = 0; i < full.length; i++) {
        scale = Math.max(scale, Math.abs(full[i]));
        worst = Math.max(worst, Math.abs(full[i] - cached[i]));
      }
      assertTrue(worst <= tolerance * scale, "step " + step + ": logits differ by " + worst
          + " (largest " + scale + ")");
      for (int r = 0; r < rows; r++) {
        assertEquals(argmax(full, r * vocab, vocab), argmax(cached, r * vocab, vocab),
            "step " + step + ", row " + r + ": argmax");
      }
    }
  }

  /** Logits [R, V] at the last position of a teacher-forced forward pass over each prefix. */
  static float[] lastPositionLogits(T5Model model, Compute compute, int[][] prefixes,
      int vocab) {
    int rows = prefixes.length;
    int length = prefixes[0].length;
    int[] inputIds = new int[rows * SOURCE_LENGTH];
    int[] mask = new int[rows * SOURCE_LENGTH];
    int[] decoderIds = new int[rows * length];
    for (int r = 0; r < rows; r++) {
      int source = r / BEAMS;
      System.arraycopy(INPUT_IDS, source * SOURCE_LENGTH, inputIds, r * SOURCE_LENGTH,
          SOURCE_LENGTH);
      System.arraycopy(ATTENTION_MASK, source * SOURCE_LENGTH, mask, r * SOURCE_LENGTH,
          SOURCE_LENGTH);
      System.arraycopy(prefixes[r], 0, decoderIds, r * length, length);
    }
    model.forward(new Seq2SeqBatch(rows, SOURCE_LENGTH, length, inputIds, mask, decoderIds,
        null, null), ForwardMode.EVAL);
    float[] all = compute.toFloats(model.logits());
    float[] last = new float[rows * vocab];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(all, (r * length + length - 1) * vocab, last, r * vocab, vocab);
    }
    return last;
  }

  static int argmax(float[] values, int offset, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (values[offset + i] > values[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  private static int[] append(int[] prefix, int token) {
    int[] longer = Arrays.copyOf(prefix, prefix.length + 1);
    longer[prefix.length] = token;
    return longer;
  }
}
