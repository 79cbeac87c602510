package org.gqaspark.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Beam search against greedy search, exhaustive search and full recomputation. Scores are
 * compared within {@value #SCORE_TOLERANCE}: the cached and the full pass give float32
 * logits that differ in the last bits.
 */
class BeamSearchTest {

  static final double SCORE_TOLERANCE = 1e-5;

  private final FloatCompute compute = new FloatCompute(2,
      pool -> Gemms.onPool(GemmBackend.JAVA, pool));

  @AfterEach
  void close() {
    compute.close();
  }

  @ParameterizedTest(name = "length penalty {0}")
  @ValueSource(doubles = {0.0, 1.0, 2.0, -1.0})
  void beamOfOneEqualsGreedy(double lengthPenalty) {
    T5Config config = TinyGeneration.config(13, 2, FeedForwardKind.GATED_GELU, false);
    Generator generator = Generator.of(TinyGeneration.model(config, compute, 1, 3f));
    SourceBatch source = SourceBatch.of(TinyGeneration.SOURCES, TinyGeneration.PAD);
    for (EarlyStopping stopping : List.of(EarlyStopping.FIRST_COMPLETE,
        EarlyStopping.HEURISTIC)) {
      GenerationOptions options = GenerationOptions.greedy(8)
          .withLengthPenalty(lengthPenalty).withEarlyStopping(stopping);

      GenerationResult greedy = generator.generate(source, options, DecodeListener.NONE,
          false);
      GenerationResult beam = generator.generate(source, options, DecodeListener.NONE, true);

      for (int b = 0; b < source.batchSize(); b++) {
        assertArrayEquals(greedy.best(b).tokens(), beam.best(b).tokens(),
            stopping + ", row " + b);
        assertEquals(greedy.best(b).score(), beam.best(b).score(), 0.0,
            stopping + ", row " + b + " score");
      }
    }
  }

  /**
   * Checks beam search against an exhaustive search. A vocabulary of 4 tokens (pad, end of
   * sequence, 2 and 3) and 3 new tokens allow 40 sequences. With 36 beams no continuation
   * is ever pruned, because at most 36 exist at one step.
   */
  @ParameterizedTest(name = "length penalty {0}")
  @ValueSource(doubles = {0.0, 1.0, 2.0, -1.0})
  void beamMatchesExhaustiveSearch(double lengthPenalty) {
    T5Config config = TinyGeneration.config(4, 1, FeedForwardKind.RELU, true);
    T5Model model = TinyGeneration.model(config, compute, 4, 2f);
    List<int[]> sources = List.of(new int[] {3, 2, 2, 1}, new int[] {2, 3, 1});
    GenerationOptions options = GenerationOptions.beamSearch(36, 3)
        .withLengthPenalty(lengthPenalty).withNumReturnSequences(3);

    GenerationResult result = Generator.of(model).generate(
        SourceBatch.of(sources, TinyGeneration.PAD), options);

    List<int[]> all = allSequences(config.vocabSize(), 3);
    assertEquals(40, all.size());
    for (int b = 0; b < sources.size(); b++) {
      double[] logProbabilities = TinyGeneration.sequenceLogProbabilities(model, compute,
          sources.get(b), all);
      List<Integer> ranking = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        ranking.add(i);
      }
      ranking.sort(Comparator.comparingDouble(
          (Integer i) -> options.score(logProbabilities[i], all.get(i).length)).reversed());
      for (int rank = 0; rank < 3; rank++) {
        int expected = ranking.get(rank);
        GeneratedSequence actual = result.sequences().get(b).get(rank);
        assertArrayEquals(all.get(expected), actual.tokens(), "row " + b + ", rank " + rank);
        assertEquals(options.score(logProbabilities[expected], all.get(expected).length),
            actual.score(), SCORE_TOLERANCE, "row " + b + ", rank " + rank + " score");
      }
    }
  }

  @Test
  void beamScoresMatchRescoring() {
    T5Config config = TinyGeneration.config(13, 2, FeedForwardKind.RELU, false);
    T5Model model = TinyGeneration.model(config, compute, 1, 3f);
    GenerationOptions options = GenerationOptions.beamSearch(3, 6).withLengthPenalty(2.0)
        .withNumReturnSequences(3);

    GenerationResult result = Generator.of(model).generate(
        SourceBatch.of(TinyGeneration.SOURCES, TinyGeneration.PAD), options);

    for (int b = 0; b < TinyGeneration.SOURCES.size(); b++) {
      List<GeneratedSequence> sequences = result.sequences().get(b);
      assertEquals(3, sequences.size(), "row " + b);
      List<int[]> tokens = sequences.stream().map(GeneratedSequence::tokens).toList();
      double[] logProbabilities = TinyGeneration.sequenceLogProbabilities(model, compute,
          TinyGeneration.SOURCES.get(b), tokens);
      for (int i = 0; i < sequences.size(); i++) {
        GeneratedSequence sequence = sequences.get(i);
        assertEquals(logProbabilities[i], sequence.logProbability(), SCORE_TOLERANCE,
            "row " + b + ", sequence " + i + " log-probability");
        assertEquals(options.score(sequence.logProbability(), sequence.length()),
            sequence.score(), 1e-12, "row " + b + ", sequence " + i + " score");
        assertEquals(sequence.finished(), sequence.tokens()[sequence.length() - 1] == 1,
            "row " + b + ", sequence " + i + " finished");
        if (i > 0) {
          assertTrue(sequences.get(i - 1).score() >= sequence.score(),
              "row " + b + ": sequences not best first");
        }
      }
    }
  }

  @Test
  void paddedBatchMatchesRowsAlone() {
    T5Config config = TinyGeneration.config(13, 1, FeedForwardKind.GATED_GELU, true);
    Generator generator = Generator.of(TinyGeneration.model(config, compute, 7, 3f));
    for (GenerationOptions options : List.of(GenerationOptions.greedy(8),
        GenerationOptions.beamSearch(3, 8).withNumReturnSequences(2))) {
      GenerationResult batch = generator.generate(
          SourceBatch.of(TinyGeneration.SOURCES, TinyGeneration.PAD), options);

      for (int b = 0; b < TinyGeneration.SOURCES.size(); b++) {
        GenerationResult alone = generator.generate(
            SourceBatch.of(List.of(TinyGeneration.SOURCES.get(b)), TinyGeneration.PAD),
            options);
        List<GeneratedSequence> expected = alone.sequences().get(0);
        List<GeneratedSequence> actual = batch.sequences().get(b);
        assertEquals(expected.size(), actual.size(), options + ", row " + b);
        for (int i = 0; i < expected.size(); i++) {
          assertArrayEquals(expected.get(i).tokens(), actual.get(i).tokens(),
              "beams " + options.numBeams() + ", row " + b + ", sequence " + i);
          assertEquals(expected.get(i).score(), actual.get(i).score(), SCORE_TOLERANCE,
              "beams " + options.numBeams() + ", row " + b + ", sequence " + i + " score");
        }
      }
    }
  }

  /**
   * Returns every sequence of at most {@code maxNewTokens} tokens that ends with the
   * end-of-sequence token, or does not contain it and has {@code maxNewTokens} tokens.
   */
  private static List<int[]> allSequences(int vocab, int maxNewTokens) {
    List<int[]> complete = new ArrayList<>();
    List<int[]> open = List.of(new int[0]);
    for (int length = 1; length <= maxNewTokens; length++) {
      List<int[]> longer = new ArrayList<>();
      for (int[] prefix : open) {
        for (int token = 0; token < vocab; token++) {
          int[] sequence = TinyGeneration.append(prefix, token);
          if (token == TinyGeneration.EOS || length == maxNewTokens) {
            complete.add(sequence);
          } else {
            longer.add(sequence);
          }
        }
      }
      open = longer;
    }
    complete.sort(Comparator.comparing(Arrays::toString));
    return complete;
  }
}
