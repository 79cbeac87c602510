package org.gqaspark.evaluation;

import java.sql.Timestamp;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gqaspark.model.T5Config;
import org.gqaspark.tables.RunId;
import org.gqaspark.training.ModelShapes;

/** Builds rows of the decode_timings table. */
final class TimingRows {

  private static final int SECONDS_PER_SAMPLE = 11;

  private TimingRows() {}

  /**
   * One measured setting.
   *
   * @param dataset evaluation dataset, or null for a benchmark
   * @param split its split, or null
   * @param checkpoint decoded checkpoint, or null for random weights
   * @param batchSize sequences per generator call
   * @param sourceLength encoder input tokens per sequence (the longest, for evaluations)
   * @param targetLength generated tokens per sequence (the maximum, for evaluations)
   * @param samples sequences timed
   * @param encoderSeconds encoder time of all samples
   * @param decoderSeconds decoder time of all samples
   * @param generatedTokens tokens generated over all samples
   * @param threads compute threads
   * @param backend compute backend description
   * @param host machine description
   */
  record Measurement(String dataset, String split, String checkpoint, int batchSize,
      int sourceLength, int targetLength, long samples, double encoderSeconds,
      double decoderSeconds, long generatedTokens, int threads, String backend, String host) {}

  /** Returns the row of a measurement of a model with {@code config}. */
  static Row row(RunId runId, T5Config config, Measurement measured, Timestamp time) {
    double total = measured.encoderSeconds() + measured.decoderSeconds();
    long samples = measured.samples();
    return RowFactory.create(runId.value(), measured.dataset(), measured.split(),
        measured.checkpoint(), ModelShapes.describe(config), config.numHeads(),
        ModelShapes.keyValueHeads(config), measured.batchSize(), measured.sourceLength(),
        measured.targetLength(), (int) samples, total / samples,
        measured.encoderSeconds() / samples, measured.decoderSeconds() / samples,
        measured.generatedTokens() / total, measured.threads(), measured.backend(),
        measured.host(), time);
  }

  /**
   * Returns the row of one evaluation set from its {@link DecodedRows#OUTPUT} rows: times are
   * summed over the decoding tasks, so seconds per sample is task time, not the wall time of
   * the whole parallel job.
   */
  static Row evaluation(EvaluateSettings settings, T5Config config, EvalSet set,
      List<Row> decoded, Timestamp time) {
    double encoder = 0;
    double decoder = 0;
    long tokens = 0;
    int longest = 0;
    TreeSet<String> hosts = new TreeSet<>();
    TreeSet<String> backends = new TreeSet<>();
    int threads = 0;
    for (Row row : decoded) {
      longest = Math.max(longest, row.getInt(5));
      tokens += row.getInt(6);
      encoder += row.getDouble(7);
      decoder += row.getDouble(8);
      hosts.add(row.getString(9));
      backends.add(row.getString(10));
      threads = Math.max(threads, row.getInt(11));
    }
    return row(settings.runId(), config, new Measurement(set.dataset(), set.split(),
        settings.checkpoint(), settings.decoding().batchSize(), longest,
        settings.decoding().maxNewTokens(), decoded.size(), encoder, decoder, tokens, threads,
        String.join("; ", backends), String.join("; ", hosts)), time);
  }

  /** Returns seconds_per_sample of a row built here. */
  static double secondsPerSample(Row row) {
    return row.getDouble(SECONDS_PER_SAMPLE);
  }
}
