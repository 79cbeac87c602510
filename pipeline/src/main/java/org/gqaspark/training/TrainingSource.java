package org.gqaspark.training;

import org.apache.spark.api.java.JavaPairRDD;

/**
 * One source of a training or validation mixture: its records indexed densely from 0 in a
 * fixed order (so that an index names the same record on every worker and in every attempt),
 * the objective that turns them into examples, and its sampling rate.
 *
 * @param label the name in logs, trainer state and errors, such as {@code scitldr/train}
 * @param records record index to record, cached by the caller
 * @param size number of records, the indices 0 .. size-1
 * @param objective how a record becomes an example
 * @param rate relative sampling rate in the mixture; rates need not sum to 1
 */
public record TrainingSource(String label, JavaPairRDD<Long, SourceRecord> records, long size,
    Objective objective, double rate) {

  public TrainingSource {
    if (size < 1) {
      throw TrainingErrors.emptySource(label);
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw TrainingErrors.invalidSetting("rate of source " + label, rate, "positive and finite");
    }
  }
}
