package org.gqaspark.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an evaluate run, for the command's summary.
 *
 * @param runId the evaluate run
 * @param checkpoint the decoded checkpoint
 * @param keyValueHeads key/value heads of the decoder's grouped-query attention
 * @param sets per evaluation set, in configured order
 * @param seconds wall time of the run
 */
public record EvaluateReport(String runId, String checkpoint, int keyValueHeads,
    List<SetResult> sets, double seconds) {

  /**
   * The outcome of one evaluation set.
   *
   * @param set the set
   * @param examples examples decoded and scored
   * @param metrics corpus score by metric name, 0 to 100
   * @param secondsPerSample decoding time per example (task time; see decode_timings)
   */
  public record SetResult(EvalSet set, long examples, Map<String, Double> metrics,
      double secondsPerSample) {

    public SetResult {
      metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
  }

  public EvaluateReport {
    sets = List.copyOf(sets);
  }
}
