package org.gqaspark.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;

/**
 * Everything the tokenize job needs besides the Spark session and the tokenizer.
 *
 * @param runId the run id; a rerun with the same id replaces the rows of its datasets
 * @param tables where the examples, rejects and reject_counts tables live
 * @param partitions the number of tokenizing tasks; 0 uses Spark's default parallelism
 * @param limits the line size limit and the excerpt length of the readers
 * @param datasets the dataset splits to tokenize, each name and split at most once
 */
public record TokenizeSettings(RunId runId, TableLocations tables, int partitions,
    ReadLimits limits, List<DatasetSpec> datasets) {

  /** Default {@code max-line-bytes}: far above any real record, well below a task's memory. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
  /** Default {@code excerpt-chars}. */
  public static final int DEFAULT_EXCERPT_CHARS = 200;

  public TokenizeSettings {
    if (runId == null) {
      throw DataErrors.missingSetting(null, "run-id", "to key the rows this run writes");
    }
    if (tables == null) {
      throw DataErrors.missingSetting(null, "tables.root", "to locate the Delta tables");
    }
    if (partitions < 0) {
      throw DataErrors.invalidSetting(null, "partitions", partitions,
          "0 (Spark's default parallelism) or more");
    }
    datasets = List.copyOf(datasets);
    if (datasets.isEmpty()) {
      throw DataErrors.missingSetting(null, "datasets", "with at least one dataset block");
    }
    Set<String> labels = new HashSet<>();
    for (DatasetSpec dataset : datasets) {
      if (!labels.add(dataset.label())) {
        throw DataErrors.duplicateDataset(dataset.name(), dataset.split());
      }
    }
  }
}
