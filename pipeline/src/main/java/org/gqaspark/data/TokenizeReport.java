package org.gqaspark.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gqaspark.tables.RunId;

/**
 * The records a tokenize run read and the rows it wrote, per dataset split.
 *
 * @param seconds the wall time of the run, reading to verification
 */
public record TokenizeReport(RunId runId, List<DatasetCounts> datasets, double seconds) {

  public TokenizeReport {
    datasets = List.copyOf(datasets);
  }

  /**
   * Counts of one dataset split. {@code inputRecords = examples + rejected()} when nothing was
   * lost, which the job checks against the written tables.
   *
   * @param inputRecords lines read (for text pairs, the longer file's lines per pair)
   * @param rejects rejected records by reason, every reason present
   * @param inputTokens the sum of input lengths over the examples, EOS included
   * @param targetTokens the sum of target lengths over the examples, EOS included
   * @param truncated examples cut to a maximum length
   */
  public record DatasetCounts(String dataset, String split, long inputRecords, long examples,
      Map<RejectReason, Long> rejects, long inputTokens, long targetTokens, long truncated) {

    public DatasetCounts {
      EnumMap<RejectReason, Long> all = new EnumMap<>(RejectReason.class);
      for (RejectReason reason : RejectReason.values()) {
        all.put(reason, rejects.getOrDefault(reason, 0L));
      }
      rejects = Collections.unmodifiableMap(all);
    }

    public long rejected() {
      return rejects.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public long inputRecords() {
    return datasets.stream().mapToLong(DatasetCounts::inputRecords).sum();
  }

  public long examples() {
    return datasets.stream().mapToLong(DatasetCounts::examples).sum();
  }

  public long rejected() {
    return datasets.stream().mapToLong(DatasetCounts::rejected).sum();
  }

  /** Returns the tokens written, inputs and targets, EOS included. */
  public long tokens() {
    return datasets.stream().mapToLong(d -> d.inputTokens() + d.targetTokens()).sum();
  }

  /** Returns the counts of one dataset split, or throws when the run did not tokenize it. */
  public DatasetCounts dataset(String name, String split) {
    return datasets.stream()
        .filter(d -> d.dataset().equals(name) && d.split().equals(split))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Run " + runId + " has no dataset "
            + name + "/" + split + "; it has " + datasets.stream()
                .map(d -> d.dataset() + "/" + d.split()).toList()));
  }
}
