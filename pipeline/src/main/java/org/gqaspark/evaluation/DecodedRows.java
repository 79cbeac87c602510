package org.gqaspark.evaluation;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Row layouts between the decoding tasks and the driver: the examples a task decodes, and what
 * it returns per example.
 */
final class DecodedRows {

  /** Examples to decode, selected from the examples table. */
  static final StructType INPUT = new StructType()
      .add("dataset", DataTypes.StringType, false)
      .add("split", DataTypes.StringType, false)
      .add("example_id", DataTypes.StringType, false)
      .add("input_ids", DataTypes.createArrayType(DataTypes.IntegerType, true), false)
      .add("target_text", DataTypes.StringType, true);

  /**
   * One decoded example. The seconds columns are the example's share of its batch's encoder
   * pass and decoder steps (batch time divided by the batch's examples), so their sum over a
   * set is the decoding time of the set. Host, backend and threads describe where it ran.
   */
  static final StructType OUTPUT = new StructType()
      .add("dataset", DataTypes.StringType, false)
      .add("split", DataTypes.StringType, false)
      .add("example_id", DataTypes.StringType, false)
      .add("hypothesis", DataTypes.StringType, false)
      .add("reference", DataTypes.StringType, false)
      .add("source_length", DataTypes.IntegerType, false)
      .add("generated_length", DataTypes.IntegerType, false)
      .add("encoder_seconds", DataTypes.DoubleType, false)
      .add("decoder_seconds", DataTypes.DoubleType, false)
      .add("host", DataTypes.StringType, false)
      .add("backend", DataTypes.StringType, false)
      .add("threads", DataTypes.IntegerType, false);

  private DecodedRows() {}
}
