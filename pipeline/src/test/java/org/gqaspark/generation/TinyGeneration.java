package org.gqaspark.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.ForwardMode;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.Seq2SeqBatch;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.T5ParameterLayout;
import org.gqaspark.model.compute.Compute;

/**
 * Seeded tiny T5 models for generation tests, and a brute-force reference that scores a
 * decoder sequence with one full teacher-forced forward pass of {@link T5Model} (no cache).
 *
 * <p>Models: d_model 8, d_kv 3, d_ff 10, 4 query heads, 2 + 2 layers, 8 position buckets up
 * to distance 10, pad id 0 (also the decoder start), end-of-sequence id 1, key/value heads
 * in decoder self-attention and cross-attention.
 */
final class TinyGeneration {

  static final int PAD = 0;
  static final int EOS = 1;

  /** Source rows of lengths 6, 4, 2 and 5. */
  static final List<int[]> SOURCES = List.of(
      new int[] {3, 7, 2, 9, 4, 1},
      new int[] {5, 8, 6, 1},
      new int[] {11, 1},
      new int[] {12, 4, 4, 10, 1});

  private TinyGeneration() {}

  static T5Config config(int vocab, int keyValueHeads, FeedForwardKind ff, boolean tied) {
    return new T5Config(vocab, 8, 3, 10, 2, 2, 4, keyValueHeads,
        T5Config.DEFAULT_GQA_ATTENTION_KINDS, 8, 10, 0.1, 1e-6, ff, tied, PAD, EOS, PAD, 1.0,
        Map.of());
  }

  /**
   * Returns a model with seeded random weights whose LM head row of the end-of-sequence
   * token is scaled by {@code eosBoost}, so that sequences end within a few steps.
   */
  static T5Model model(T5Config config, Compute compute, long seed, float eosBoost) {
    ParameterStore store = ParameterStore.forModel(config, compute);
    T5Initializer.initialize(store, config, seed);
    String head = config.tieWordEmbeddings() ? T5ParameterLayout.SHARED
        : T5ParameterLayout.LM_HEAD;
    float[] weights = store.values(head);
    for (int i = EOS * config.dModel(); i < (EOS + 1) * config.dModel(); i++) {
      weights[i] *= eosBoost;
    }
    store.setValues(head, weights);
    return new T5Model(config, store);
  }

  /**
   * Returns log p(token | source, prefix) for every position of every sequence, from one
   * full forward pass per call: element [i][t][v] is the log-probability of token v after
   * the decoder start token and the first t tokens of {@code sequences.get(i)}.
   */
  static double[][][] fullLogProbabilities(T5Model model, Compute compute, int[] source,
      List<int[]> sequences) {
    T5Config config = model.config();
    int rows = sequences.size();
    int length = 1;
    for (int[] sequence : sequences) {
      length = Math.max(length, sequence.length);
    }
    int[] inputIds = new int[rows * source.length];
    int[] mask = new int[rows * source.length];
    int[] decoderIds = new int[rows * length];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(source, 0, inputIds, i * source.length, source.length);
      java.util.Arrays.fill(mask, i * source.length, (i + 1) * source.length, 1);
      decoderIds[i * length] = config.decoderStartTokenId();
      int[] sequence = sequences.get(i);
      for (int t = 1; t < length; t++) {
        decoderIds[i * length + t] = t - 1 < sequence.length ? sequence[t - 1] : PAD;
      }
    }
    model.forward(new Seq2SeqBatch(rows, source.length, length, inputIds, mask, decoderIds,
        null, null), ForwardMode.EVAL);
    float[] logits = compute.toFloats(model.logits());
    int vocab = config.vocabSize();
    double[][][] result = new double[rows][length][vocab];
    for (int i = 0; i < rows; i++) {
      for (int t = 0; t < length; t++) {
        int offset = (i * length + t) * vocab;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
          max = Math.max(max, logits[offset + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
          sum += Math.exp(logits[offset + v] - max);
        }
        for (int v = 0; v < vocab; v++) {
          result[i][t][v] = logits[offset + v] - max - Math.log(sum);
        }
      }
    }
    return result;
  }

  /** Returns the summed log-probability of each sequence, by full recomputation. */
  static double[] sequenceLogProbabilities(T5Model model, Compute compute, int[] source,
      List<int[]> sequences) {
    double[][][] logProbabilities = fullLogProbabilities(model, compute, source, sequences);
    double[] sums = new double[sequences.size()];
    for (int i = 0; i < sequences.size(); i++) {
      int[] sequence = sequences.get(i);
      for (int t = 0; t < sequence.length; t++) {
        sums[i] += logProbabilities[i][t][sequence[t]];
      }
    }
    return sums;
  }

  /**
   * Greedy decoding without a cache: one full forward pass per generated token over the
   * whole prefix, taking the largest logit (the lowest id among equals), the
   * end-of-sequence token excluded before {@code minNewTokens} tokens.
   */
  static int[] bruteForceGreedy(T5Model model, Compute compute, int[] source,
      int maxNewTokens, int minNewTokens) {
    List<Integer> tokens = new ArrayList<>();
    while (tokens.size() < maxNewTokens) {
      int[] prefix = tokens.stream().mapToInt(Integer::intValue).toArray();
      double[][][] logProbabilities = fullLogProbabilities(model, compute, source,
          List.of(append(prefix, PAD)));
      double[] last = logProbabilities[0][prefix.length];
      int best = -1;
      for (int v = 0; v < last.length; v++) {
        boolean blocked = v == EOS && tokens.size() < minNewTokens;
        if (!blocked && (best < 0 || last[v] > last[best])) {
          best = v;
        }
      }
      tokens.add(best);
      if (best == EOS) {
        break;
      }
    }
    return tokens.stream().mapToInt(Integer::intValue).toArray();
  }

  static int[] append(int[] prefix, int token) {
    int[] longer = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    longer[prefix.length] = token;
    return longer;
  }
}
