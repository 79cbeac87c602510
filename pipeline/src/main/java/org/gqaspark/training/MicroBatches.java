package org.gqaspark.training;

import java.util.Arrays;
import java.util.List;
import org.gqaspark.model.Seq2SeqBatch;
import org.gqaspark.model.T5Config;

/**
 * Pads a micro-batch of examples into a {@link Seq2SeqBatch}: inputs to the longest input
 * with the pad id and attention mask 0, labels to the longest target with the ignore index,
 * decoder inputs shifted right as Hugging Face does. No decoder attention mask is passed,
 * as in Hugging Face's T5 training: the causal mask already hides the padded positions, which
 * all come after the real ones.
 *
 * <p>Dimensions: B examples, T_enc longest input, T_dec longest target.
 */
final class MicroBatches {

  private MicroBatches() {}

  static Seq2SeqBatch pad(List<TrainingExample> examples, T5Config config) {
    int batch = examples.size();
    int sourceLength = 0;
    int targetLength = 0;
    for (TrainingExample example : examples) {
      sourceLength = Math.max(sourceLength, example.inputIds().length);
      targetLength = Math.max(targetLength, example.targetIds().length);
    }
    int[] inputIds = new int[batch * sourceLength]; // [B, T_enc]
    int[] attentionMask = new int[batch * sourceLength]; // [B, T_enc]
    int[] labels = new int[batch * targetLength]; // [B, T_dec]
    Arrays.fill(inputIds, config.padTokenId());
    Arrays.fill(labels, Seq2SeqBatch.IGNORE_INDEX);
    for (int b = 0; b < batch; b++) {
      TrainingExample example = examples.get(b);
      int[] input = example.inputIds();
      System.arraycopy(input, 0, inputIds, b * sourceLength, input.length);
      Arrays.fill(attentionMask, b * sourceLength, b * sourceLength + input.length, 1);
      int[] target = example.targetIds();
      System.arraycopy(target, 0, labels, b * targetLength, target.length);
    }
    return Seq2SeqBatch.fromLabels(batch, sourceLength, targetLength, inputIds, attentionMask,
        labels, null, config);
  }
}
