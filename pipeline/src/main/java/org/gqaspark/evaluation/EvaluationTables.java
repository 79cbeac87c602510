package org.gqaspark.evaluation;

import org.gqaspark.tables.TableSchema;

/** The tables that gqa evaluate and gqa decode-benchmark write; schemas in data-schemas/. */
public final class EvaluationTables {

  /** Corpus-level metrics per run, dataset split and metric. */
  public static final TableSchema METRICS = TableSchema.load("metrics");
  /** One decoded example per row, with its own scores. */
  public static final TableSchema PREDICTIONS = TableSchema.load("predictions");
  /** Time per sample and tokens per second per decoding setting. */
  public static final TableSchema DECODE_TIMINGS = TableSchema.load("decode_timings");

  private EvaluationTables() {}
}
