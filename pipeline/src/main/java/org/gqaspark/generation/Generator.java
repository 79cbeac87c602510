package org.gqaspark.generation;

import org.gqaspark.model.DecoderState;
import org.gqaspark.model.IncrementalDecoder;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * Generates target sequences for batches of source rows with a T5 model: greedy search or
 * beam search over an {@link IncrementalDecoder}, starting every sequence with the config's
 * decoder start token and ending it at the end-of-sequence token or after
 * {@code maxNewTokens} tokens.
 *
 * <p>Each call runs the encoder once for the batch (timed as the encoder pass), then one
 * decoder step per generated position for all rows at once (timed as the decoder steps);
 * rows whose sequence has ended are fed the pad token until every row has ended.
 *
 * <p>Dimensions: B source rows, K beams, R = B * K decoder rows, V vocabulary.
 *
 * <p>A generator keeps a copy of the decoder's weights from its creation (see
 * {@link IncrementalDecoder}): create a new one after the parameters change.
 *
 * <p>Not thread-safe: one generator per thread. Its matrix work runs on the threads of the
 * parameter store's {@link Compute}; the search itself (choosing tokens from the logits)
 * runs on the calling thread.
 */
public final class Generator {

  private final T5Config config;
  private final IncrementalDecoder decoder;
  private final Compute compute;

  /**
   * Creates a generator over the parameters of a model with this config.
   *
   * @throws IllegalArgumentException when the store does not have exactly the parameters of
   *     {@code config}
   */
  public Generator(T5Config config, ParameterStore parameters) {
    this.config = config;
    this.decoder = new IncrementalDecoder(config, parameters);
    this.compute = parameters.compute();
  }

  /** Creates a generator over the parameters of {@code model}; the model is not changed. */
  public static Generator of(T5Model model) {
    return new Generator(model.config(), model.parameters());
  }

  public T5Config config() {
    return config;
  }

  /** Generates for every source row, without timing hooks. */
  public GenerationResult generate(SourceBatch source, GenerationOptions options) {
    return generate(source, options, DecodeListener.NONE);
  }

  /**
   * Generates up to {@code options.numReturnSequences()} sequences per source row, greedy
   * when {@code options.numBeams()} is 1 and beam search otherwise, calling
   * {@code listener} after the encoder pass and after each decoder step.
   *
   * @throws IllegalArgumentException when a source id is outside the vocabulary
   */
  public GenerationResult generate(SourceBatch source, GenerationOptions options,
      DecodeListener listener) {
    return generate(source, options, listener, options.numBeams() > 1);
  }

  /** The same, with beam search forced even for one beam (to compare it with greedy). */
  GenerationResult generate(SourceBatch source, GenerationOptions options,
      DecodeListener listener, boolean beamSearch) {
    TokenRules rules = new TokenRules(config.eosTokenId(), config.padTokenId(),
        options.minNewTokens(), options.ignoreEos());

    // Encoder pass, cross-attention keys and values, and caches for maxNewTokens positions
    long start = System.nanoTime();
    DecoderState state = decoder.start(source.inputIds(), source.attentionMask(),
        source.batchSize(), source.sourceLength(), options.numBeams(),
        options.maxNewTokens());
    long encoded = System.nanoTime();
    listener.encoderFinished(source.batchSize(), source.sourceLength(), encoded - start);

    // Decoder steps until the search has ended
    DecodingSearch search = beamSearch
        ? new BeamSearch(source.batchSize(), config.decoderStartTokenId(), options, rules)
        : new GreedySearch(source.batchSize(), config.decoderStartTokenId(), options, rules);
    Tensor logSumExp = compute.zeros(state.rows());
    int steps = 0;
    while (!search.done()) {
      long stepStart = System.nanoTime();
      Tensor logits = decoder.step(state, search.nextTokens());
      compute.logSumExp(logits, config.vocabSize(), logSumExp);
      int[] parents = search.update(new StepScores(compute.toFloats(logits),
          compute.toFloats(logSumExp), config.vocabSize()));
      if (parents != null && !search.done()) {
        decoder.reorder(state, parents);
      }
      steps++;
      listener.stepFinished(steps, System.nanoTime() - stepStart);
    }
    long end = System.nanoTime();
    return new GenerationResult(search.sequences(),
        new DecodeTimings(encoded - start, end - encoded, steps));
  }
}
