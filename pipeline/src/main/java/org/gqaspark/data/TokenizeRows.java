package org.gqaspark.data;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The two intermediate row layouts of the tokenize job. Read items become staged rows, which
 * are shuffled so that records with the same id meet. Staged rows become outcome rows, and
 * the job selects the examples, rejects and counts from those. A {@code kind} column tells
 * the three kinds of row apart.
 */
final class TokenizeRows {

  static final String RECORD = "record";
  static final String EXAMPLE = "example";
  static final String REJECT = "reject";
  static final String COUNT = "count";

  /** Read items: records with text, rejects, and input counts per file. */
  static final StructType STAGED = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("dataset", DataTypes.StringType, false)
      .add("split", DataTypes.StringType, false)
      // Records shuffle by example id so duplicates meet; other rows by file and line.
      .add("partition_key", DataTypes.StringType, false)
      .add("example_id", DataTypes.StringType, true)
      .add("file", DataTypes.StringType, false)
      .add("target_file", DataTypes.StringType, true)
      .add("line", DataTypes.LongType, false)
      .add("source", DataTypes.StringType, true)
      .add("target", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("message", DataTypes.StringType, true)
      .add("excerpt", DataTypes.StringType, true)
      .add("records", DataTypes.LongType, false);

  /** Examples with ids, rejects, and input counts per file. */
  static final StructType OUTCOME = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("dataset", DataTypes.StringType, false)
      .add("split", DataTypes.StringType, false)
      .add("example_id", DataTypes.StringType, true)
      .add("task_prefix", DataTypes.StringType, true)
      .add("input_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
      .add("target_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
      .add("input_length", DataTypes.IntegerType, false)
      .add("target_length", DataTypes.IntegerType, false)
      .add("truncated", DataTypes.BooleanType, false)
      .add("file", DataTypes.StringType, false)
      .add("target_file", DataTypes.StringType, true)
      .add("line", DataTypes.LongType, false)
      .add("reason", DataTypes.StringType, true)
      .add("message", DataTypes.StringType, true)
      .add("excerpt", DataTypes.StringType, true)
      .add("records", DataTypes.LongType, false)
      .add("source_text", DataTypes.StringType, true)
      .add("target_text", DataTypes.StringType, true);

  private TokenizeRows() {}

  static Row staged(ReadItem item) {
    if (item instanceof ReadItem.Record r) {
      return RowFactory.create(RECORD, r.dataset(), r.split(), r.exampleId(), r.exampleId(),
          r.file(), r.targetFile(), r.line(), r.source(), r.target(), null, null, null, 0L);
    }
    if (item instanceof ReadItem.Rejected r) {
      return RowFactory.create(REJECT, r.dataset(), r.split(), r.file() + ":" + r.line(), null,
          r.file(), null, r.line(), null, null, r.reason().name(), r.message(), r.excerpt(), 0L);
    }
    ReadItem.InputCount c = (ReadItem.InputCount) item;
    return RowFactory.create(COUNT, c.dataset(), c.split(), c.file(), null, c.file(),
        c.targetFile(), 0L, null, null, null, null, null, c.records());
  }

  /** Returns the example of a staged record; raw-text datasets ({@code hasTarget} false) store no target text. */
  static Row example(Row staged, String taskPrefix, boolean hasTarget,
      ExampleBuilder.Result result) {
    return RowFactory.create(EXAMPLE, staged.getString(1), staged.getString(2),
        staged.getString(4), taskPrefix, result.inputIds(), result.targetIds(),
        result.inputIds().length, result.targetIds().length, result.truncated(),
        staged.getString(5), staged.getString(6), staged.getLong(7), null, null, null, 0L,
        staged.getString(8), hasTarget ? staged.getString(9) : null);
  }

  /**
   * Returns an outcome reject for a staged record; {@code targetAtFault} names the target
   * file of a text pair as the file of the reject.
   */
  static Row reject(Row staged, RejectReason reason, String message, String excerpt,
      boolean targetAtFault) {
    String file = targetAtFault && staged.getString(6) != null ? staged.getString(6)
        : staged.getString(5);
    return RowFactory.create(REJECT, staged.getString(1), staged.getString(2),
        staged.getString(4), null, null, null, 0, 0, false, file, null, staged.getLong(7),
        reason.name(), message, excerpt, 0L, null, null);
  }

  /** Returns the outcome row of a staged reject or count, which passes through unchanged. */
  static Row passThrough(Row staged) {
    return RowFactory.create(staged.getString(0), staged.getString(1), staged.getString(2),
        null, null, null, null, 0, 0, false, staged.getString(5), staged.getString(6),
        staged.getLong(7), staged.getString(10), staged.getString(11), staged.getString(12),
        staged.getLong(13), null, null);
  }
}
