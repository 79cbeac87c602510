package org.gqaspark.tables;

/** The tables that the tokenize job writes; their schemas are in data-schemas/. */
public final class IngestTables {

  /** One tokenized example per good corpus record. */
  public static final TableSchema EXAMPLES = TableSchema.load("examples");
  /** One row per rejected corpus record, with the reason. */
  public static final TableSchema REJECTS = TableSchema.load("rejects");
  /** Rejects per reason, with input and example totals, per run, dataset and split. */
  public static final TableSchema REJECT_COUNTS = TableSchema.load("reject_counts");

  private IngestTables() {}
}
