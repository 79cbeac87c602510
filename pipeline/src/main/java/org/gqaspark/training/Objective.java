package org.gqaspark.training;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Turns a source record into the example the model trains on. Any randomness is a function
 * of (seed, epoch, index), so every worker builds the same example for the same draw.
 */
public sealed interface Objective extends Serializable {

  /**
   * Returns the example for one draw of a record.
   *
   * @param seed the run's data seed
   * @param source the source's position in the mixture, which keeps the noise of sources apart
   * @param epoch how many times the source was read through before this draw
   * @param index the record's index in its source
   */
  TrainingExample example(SourceRecord record, long seed, int source, long epoch, long index);

  /** Returns a one-line description for logs. */
  String describe();

  /** Span corruption over chunks of raw text. */
  record SpanCorruptionObjective(SpanCorruption corruption) implements Objective {

    private static final long serialVersionUID = 1L;

    @Override
    public TrainingExample example(SourceRecord record, long seed, int source, long epoch,
        long index) {
      return corruption.corrupt(record.inputIds(),
          Seeds.derive(seed, Seeds.NOISE, source, epoch, index));
    }

    @Override
    public String describe() {
      return "span corruption (noise density " + corruption.noiseDensity()
          + ", mean noise span length " + corruption.meanNoiseSpanLength() + ")";
    }
  }

  /**
   * Supervised sequence to sequence: the tokenized input (task prefix included) and target
   * as they are, cut to the maximum lengths with EOS kept last.
   */
  record Supervised(int maxInputLength, int maxTargetLength, int eosId) implements Objective {

    private static final long serialVersionUID = 1L;

    public Supervised {
      if (maxInputLength < 2 || maxTargetLength < 2) {
        throw TrainingErrors.invalidSetting("supervised max-input-length/max-target-length",
            maxInputLength + "/" + maxTargetLength, "at least 2 (a token and EOS)");
      }
    }

    @Override
    public TrainingExample example(SourceRecord record, long seed, int source, long epoch,
        long index) {
      return new TrainingExample(cut(record.inputIds(), maxInputLength),
          cut(record.targetIds(), maxTargetLength));
    }

    private int[] cut(int[] ids, int max) {
      if (ids.length <= max) {
        return ids;
      }
      int[] kept = Arrays.copyOf(ids, max);
      kept[max - 1] = eosId;
      return kept;
    }

    @Override
    public String describe() {
      return "supervised (inputs cut to " + maxInputLength + " tokens, targets to "
          + maxTargetLength + ")";
    }
  }
}
