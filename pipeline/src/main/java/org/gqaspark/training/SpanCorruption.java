package org.gqaspark.training;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * T5's span-corruption objective (Raffel et al., 2020; {@code t5.data.preprocessors
 * .span_corruption} and {@code random_spans_noise_mask}): a random set of token spans is
 * replaced in the input by one sentinel each, and the target lists each sentinel followed by
 * the tokens it replaced.
 *
 * <p>For a chunk of n tokens: noise tokens = round(n * density) (at least 1, at most n - 1),
 * noise spans = round(noise tokens / mean span length) (at least 1); the noise tokens and
 * the other tokens are each cut into that many non-empty segments at uniformly random
 * points, and the segments alternate, starting with a non-noise one. The input keeps the
 * non-noise tokens and puts {@code <extra_id_k>} in place of the k-th noise span; the target
 * is {@code <extra_id_k>} followed by the k-th noise span, for every k. Both end with EOS.
 * Rounding is half to even in float32, as TensorFlow's {@code tf.round} on float32 values.
 */
public final class SpanCorruption implements Serializable {

  private static final long serialVersionUID = 1L;

  /** T5's noise density: 15% of the tokens are masked. */
  public static final double DEFAULT_NOISE_DENSITY = 0.15;
  /** T5's mean noise span length in tokens. */
  public static final double DEFAULT_MEAN_NOISE_SPAN_LENGTH = 3.0;

  private final double noiseDensity;
  private final double meanNoiseSpanLength;
  private final int[] sentinelIds;
  private final int eosId;

  /**
   * Creates the objective.
   *
   * @param sentinelIds ids of {@code <extra_id_0>}, {@code <extra_id_1>}, ... in order
   * @param eosId the EOS id appended to inputs and targets
   */
  public SpanCorruption(double noiseDensity, double meanNoiseSpanLength, int[] sentinelIds,
      int eosId) {
    if (!(noiseDensity > 0 && noiseDensity < 1)) {
      throw TrainingErrors.invalidSetting("noise-density", noiseDensity, "in (0, 1)");
    }
    if (!(meanNoiseSpanLength >= 1)) {
      throw TrainingErrors.invalidSetting("mean-noise-span-length", meanNoiseSpanLength,
          "at least 1");
    }
    if (sentinelIds.length == 0) {
      throw TrainingErrors.invalidSetting("sentinel ids", "none",
          "at least one sentinel id (<extra_id_0>) in the vocabulary");
    }
    this.noiseDensity = noiseDensity;
    this.meanNoiseSpanLength = meanNoiseSpanLength;
    this.sentinelIds = sentinelIds.clone();
    this.eosId = eosId;
  }

  public double noiseDensity() {
    return noiseDensity;
  }

  public double meanNoiseSpanLength() {
    return meanNoiseSpanLength;
  }

  /** Returns the number of noise spans of a chunk of {@code length} tokens. */
  public int noiseSpans(int length) {
    int effective = Math.max(length, 2);
    int noiseTokens = noiseTokenCount(effective);
    // Each segment needs a token: a chunk with fewer non-noise tokens than spans (only at
    // densities near 1) gets as many spans as it has non-noise tokens.
    return Math.min(spanCount(noiseTokens), effective - noiseTokens);
  }

  /**
   * Corrupts one chunk of raw tokens (no EOS).
   *
   * @param seed seed of this chunk's noise; derive it from (run seed, epoch, chunk)
   * @throws IllegalArgumentException when the chunk has more noise spans than sentinels
   */
  public TrainingExample corrupt(int[] tokens, long seed) {
    if (tokens.length == 0) {
      throw TrainingErrors.emptyExample(0, 0);
    }
    int spans = noiseSpans(tokens.length);
    if (spans > sentinelIds.length) {
      throw TrainingErrors.tooManyNoiseSpans(tokens.length, spans, sentinelIds.length);
    }
    boolean[] noise = noiseMask(tokens.length, seed);
    boolean[] kept = new boolean[noise.length];
    for (int i = 0; i < noise.length; i++) {
      kept[i] = !noise[i];
    }
    return new TrainingExample(replaceSpans(tokens, noise), replaceSpans(tokens, kept));
  }

  /**
   * Returns which of {@code length} tokens are noise, as T5's {@code random_spans_noise_mask}
   * without random roll: a chunk shorter than 2 is masked as if it had 2 tokens and cut.
   */
  public boolean[] noiseMask(int length, long seed) {
    int effective = Math.max(length, 2);
    int noiseTokens = noiseTokenCount(effective);
    int nonNoiseTokens = effective - noiseTokens;
    int spans = noiseSpans(length);

    int[] noiseLengths = randomSegmentation(noiseTokens, spans, Seeds.derive(seed, 0));
    int[] nonNoiseLengths = randomSegmentation(nonNoiseTokens, spans, Seeds.derive(seed, 1));
    boolean[] mask = new boolean[effective];
    int position = 0;
    for (int span = 0; span < spans; span++) {
      position += nonNoiseLengths[span];
      Arrays.fill(mask, position, position + noiseLengths[span], true);
      position += noiseLengths[span];
    }
    return Arrays.copyOf(mask, length);
  }

  private int noiseTokenCount(int length) {
    int count = (int) Math.rint((float) length * (float) noiseDensity);
    return Math.min(Math.max(count, 1), length - 1);
  }

  private int spanCount(int noiseTokens) {
    return Math.max((int) Math.rint((float) noiseTokens / (float) meanNoiseSpanLength), 1);
  }

  /**
   * Cuts {@code items} into {@code segments} non-empty segments at uniformly random points:
   * a shuffled indicator of which of the items 1 .. items-1 start a segment.
   */
  static int[] randomSegmentation(int items, int segments, long seed) {
    boolean[] starts = new boolean[items - 1];
    Arrays.fill(starts, 0, segments - 1, true);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = starts.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      boolean swap = starts[i];
      starts[i] = starts[j];
      starts[j] = swap;
    }
    int[] lengths = new int[segments];
    int segment = 0;
    lengths[0] = 1;
    for (boolean start : starts) {
      if (start) {
        segment++;
      }
      lengths[segment]++;
    }
    return lengths;
  }

  /**
   * Returns the tokens with each maximal run of masked tokens replaced by the next sentinel,
   * then EOS: T5's {@code noise_span_to_unique_sentinel}.
   */
  private int[] replaceSpans(int[] tokens, boolean[] masked) {
    int[] out = new int[tokens.length + 1];
    int length = 0;
    int span = 0;
    for (int i = 0; i < tokens.length; i++) {
      if (!masked[i]) {
        out[length++] = tokens[i];
      } else if (i == 0 || !masked[i - 1]) {
        out[length++] = sentinelIds[span++];
      }
    }
    out[length++] = eosId;
    return Arrays.copyOf(out, length);
  }

  /**
   * The raw chunk length whose corrupted input is at most {@code inputLength} tokens (EOS
   * included), and that input's target length: T5's {@code random_spans_helper}. For T5's
   * input length 512 and the default density and span length: chunks of 568 tokens and
   * targets of 114. T5 shortens the chunk by one more token at density 0.5 to make the
   * target no longer than the input; this method does not.
   *
   * @param rawLength tokens per chunk before corruption
   * @param inputLength tokens of the corrupted input, sentinels and EOS included
   * @param targetLength tokens of the target, sentinels and EOS included
   */
  public record ChunkLengths(int rawLength, int inputLength, int targetLength)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Returns the chunk lengths for corrupted inputs of at most {@code inputLength} tokens. */
  public static ChunkLengths chunkLengths(int inputLength, double noiseDensity,
      double meanNoiseSpanLength) {
    if (inputLength < 3) {
      throw TrainingErrors.invalidSetting("span-corruption input-length", inputLength,
          "at least 3 (a token, a sentinel and EOS)");
    }
    int raw = inputLength - 1;
    while (corruptedLengths(raw + 1, noiseDensity, meanNoiseSpanLength)[0] <= inputLength) {
      raw++;
    }
    int[] lengths = corruptedLengths(raw, noiseDensity, meanNoiseSpanLength);
    return new ChunkLengths(raw, lengths[0], lengths[1]);
  }

  /** Input and target lengths of a corrupted chunk of {@code raw} tokens, in float64. */
  private static int[] corruptedLengths(int raw, double noiseDensity, double meanSpan) {
    int noise = (int) Math.rint(raw * noiseDensity);
    int spans = (int) Math.rint(noise / meanSpan);
    return new int[] {raw - noise + spans + 1, noise + spans + 1};
  }
}
