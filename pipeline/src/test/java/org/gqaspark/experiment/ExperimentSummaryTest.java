package org.gqaspark.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary table's text: one aligned line per variant, dashes for missing values. */
class ExperimentSummaryTest {

  @Test
  void formatAlignsColumns() {
    List<ExperimentSummary.Row> rows = List.of(
        new ExperimentSummary.Row("mha-a0.05", 4, "-", 0.05, 12.345, 40.5, 20.0, 0.01234),
        new ExperimentSummary.Row("kv1-mean-a0.05", 1, "mean", 0.05, null, null, 18.25, null));

    String text = ExperimentSummary.format(rows, "work/delta");

    assertEquals("""
        variant              kv_heads method   alpha    BLEU    chrF  ROUGE-L     s/sample
        ----------------------------------------------------------------------------------
        mha-a0.05                   4 -         0.05   12.35   40.50    20.00       0.0123
        kv1-mean-a0.05              1 mean      0.05       -       -    18.25            -
        Tables: work/delta
        """, text);
  }
}
