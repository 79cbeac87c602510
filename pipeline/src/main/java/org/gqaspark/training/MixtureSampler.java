package org.gqaspark.training;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Decides which record fills each slot of each global batch. Slot j of step s picks a source
 * with probability proportional to its rate, from a generator seeded by (seed, s, j); the
 * source then gives its next record in epoch order: the c-th record drawn from a source of n
 * records is record {@code perm_e(c mod n)} with epoch {@code e = c / n} and {@code perm_e} a
 * {@link SeededPermutation} seeded by (seed, source, e). The only state is the count of
 * records drawn from each source, which trainer checkpoints save as the data position.
 *
 * <p>Nothing depends on the number of partitions, so the global batch of a step is the same
 * whatever the cluster.
 */
public final class MixtureSampler implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long seed;
  private final double[] cumulativeRates; // [sources], the last is 1
  private final long[] sizes; // [sources]

  /**
   * Creates a sampler.
   *
   * @param rates relative rate of each source
   * @param sizes records of each source
   */
  public MixtureSampler(long seed, double[] rates, long[] sizes) {
    if (rates.length == 0 || rates.length != sizes.length) {
      throw TrainingErrors.invalidSetting("mixture sources", rates.length + " rates and "
          + sizes.length + " sizes", "one or more sources, each with a rate and a size");
    }
    this.seed = seed;
    this.sizes = sizes.clone();
    double total = Arrays.stream(rates).sum();
    this.cumulativeRates = new double[rates.length];
    double running = 0;
    for (int i = 0; i < rates.length; i++) {
      running += rates[i];
      cumulativeRates[i] = running / total;
    }
    cumulativeRates[rates.length - 1] = 1.0;
  }

  public int sources() {
    return sizes.length;
  }

  /**
   * Draws the records of step {@code step}'s global batch and advances {@code consumed}, the
   * count of records drawn so far from each source.
   *
   * @param consumed [sources], updated in place
   */
  public SlotRef[] draw(long step, int batchSize, long[] consumed) {
    SlotRef[] slots = new SlotRef[batchSize];
    for (int slot = 0; slot < batchSize; slot++) {
      int source = pickSource(step, slot);
      long drawn = consumed[source]++;
      long epoch = drawn / sizes[source];
      long position = drawn % sizes[source];
      slots[slot] = new SlotRef(source, epoch, permutation(source, epoch).at(position));
    }
    return slots;
  }

  private int pickSource(long step, int slot) {
    if (cumulativeRates.length == 1) {
      return 0;
    }
    double u = new SplittableRandom(Seeds.derive(seed, Seeds.MIXTURE, step, slot)).nextDouble();
    for (int source = 0; source < cumulativeRates.length - 1; source++) {
      if (u < cumulativeRates[source]) {
        return source;
      }
    }
    return cumulativeRates.length - 1;
  }

  private SeededPermutation permutation(int source, long epoch) {
    return new SeededPermutation(sizes[source], Seeds.derive(seed, Seeds.PERMUTATION, source,
        epoch));
  }
}
