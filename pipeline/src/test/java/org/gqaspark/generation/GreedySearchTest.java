package org.gqaspark.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy generation with the K/V cache against a brute-force greedy search that recomputes
 * the full decoder for every token, row by row without padding: the same tokens, and scores
 * within {@value #SCORE_TOLERANCE} (float32 logits summed over up to 8 tokens).
 */
class GreedySearchTest {

  static final double SCORE_TOLERANCE = 1e-5;
  static final int MAX_NEW_TOKENS = 8;

  private final FloatCompute compute = new FloatCompute(2,
      pool -> Gemms.onPool(GemmBackend.JAVA, pool));

  @AfterEach
  void close() {
    compute.close();
  }

  /**
   * Multi-head, grouped-query and multi-query shapes, each with a weight seed under which
   * some rows end within {@value #MAX_NEW_TOKENS} tokens and some do not.
   */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(4, FeedForwardKind.RELU, true, 1),
        Arguments.of(4, FeedForwardKind.GATED_GELU, false, 1),
        Arguments.of(2, FeedForwardKind.RELU, false, 1),
        Arguments.of(2, FeedForwardKind.GATED_GELU, true, 1),
        Arguments.of(1, FeedForwardKind.RELU, true, 5),
        Arguments.of(1, FeedForwardKind.GATED_GELU, false, 2));
  }

  @ParameterizedTest(name = "kv heads {0}, {1}, tied {2}")
  @MethodSource("shapes")
  void greedyMatchesBruteForce(int keyValueHeads, FeedForwardKind ff, boolean tied,
      long seed) {
    T5Config config = TinyGeneration.config(13, keyValueHeads, ff, tied);
    T5Model model = TinyGeneration.model(config, compute, seed, 3f);
    GenerationOptions options = GenerationOptions.greedy(MAX_NEW_TOKENS);

    GenerationResult result = Generator.of(model).generate(
        SourceBatch.of(TinyGeneration.SOURCES, TinyGeneration.PAD), options);

    int finished = 0;
    for (int b = 0; b < TinyGeneration.SOURCES.size(); b++) {
      int[] source = TinyGeneration.SOURCES.get(b);
      int[] expected = TinyGeneration.bruteForceGreedy(model, compute, source,
          MAX_NEW_TOKENS, 0);
      GeneratedSequence actual = result.best(b);
      assertArrayEquals(expected, actual.tokens(), "row " + b);
      double logProbability = TinyGeneration.sequenceLogProbabilities(model, compute, source,
          List.of(expected))[0];
      assertEquals(options.score(logProbability, expected.length), actual.score(),
          SCORE_TOLERANCE, "row " + b + " score");
      finished += actual.finished() ? 1 : 0;
    }
    assertTrue(finished > 0, "no row ended, so the end-of-sequence path did not run");
    assertTrue(finished < TinyGeneration.SOURCES.size(),
        "every row ended, so the maximum-length path did not run");
  }

  @Test
  void minNewTokensDelaysEos() {
    T5Config config = TinyGeneration.config(13, 2, FeedForwardKind.RELU, true);
    T5Model model = TinyGeneration.model(config, compute, 21, 3f);
    GenerationOptions options = GenerationOptions.greedy(MAX_NEW_TOKENS).withMinNewTokens(5);

    GenerationResult result = Generator.of(model).generate(
        SourceBatch.of(TinyGeneration.SOURCES, TinyGeneration.PAD), options);

    for (int b = 0; b < TinyGeneration.SOURCES.size(); b++) {
      int[] expected = TinyGeneration.bruteForceGreedy(model, compute,
          TinyGeneration.SOURCES.get(b), MAX_NEW_TOKENS, 5);
      assertArrayEquals(expected, result.best(b).tokens(), "row " + b);
      assertTrue(result.best(b).length() >= 5, "row " + b + " ends before 5 tokens");
    }
  }

  @Test
  void ignoreEosRunsEveryStep() {
    T5Config config = TinyGeneration.config(13, 1, FeedForwardKind.RELU, true);
    T5Model model = TinyGeneration.model(config, compute, 21, 3f);
    GenerationOptions options = GenerationOptions.greedy(MAX_NEW_TOKENS).withIgnoreEos(true);

    GenerationResult result = Generator.of(model).generate(
        SourceBatch.of(TinyGeneration.SOURCES, TinyGeneration.PAD), options);

    assertEquals(MAX_NEW_TOKENS, result.timings().steps());
    for (int b = 0; b < TinyGeneration.SOURCES.size(); b++) {
      assertEquals(MAX_NEW_TOKENS, result.best(b).length(), "row " + b);
    }
  }

  @Test
  void stopsWhenEveryRowEnds() {
    // Under this seed every row ends within 64 tokens.
    T5Config config = TinyGeneration.config(13, 4, FeedForwardKind.GATED_GELU, false);
    T5Model model = TinyGeneration.model(config, compute, 3, 3f);

    GenerationResult result = Generator.of(model).generate(
        SourceBatch.of(TinyGeneration.SOURCES, TinyGeneration.PAD),
        GenerationOptions.greedy(64));

    int longest = 0;
    for (int b = 0; b < result.rows(); b++) {
      assertTrue(result.best(b).finished(), "row " + b + " did not end within 64 tokens");
      longest = Math.max(longest, result.best(b).length());
    }
    assertEquals(longest, result.timings().steps());
  }
}
