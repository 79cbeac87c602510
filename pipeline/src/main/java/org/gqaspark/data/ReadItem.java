package org.gqaspark.data;

import java.io.Serializable;

/**
 * An item that a corpus reader produces: a record to tokenize or a rejected line for each
 * line, and at the end of each file (or file pair) its number of input records.
 */
public sealed interface ReadItem extends Serializable
    permits ReadItem.Record, ReadItem.Rejected, ReadItem.InputCount {

  /** Returns the dataset name. */
  String dataset();

  /** Returns the split name. */
  String split();

  /**
   * A well-formed record with its source and target text.
   *
   * @param exampleId the record's id field, or {@code RELATIVE_FILE:LINE}
   * @param file the file (for text pairs, the source file)
   * @param targetFile the target file of a text pair, else null
   * @param line the 1-based line number
   */
  record Record(String dataset, String split, String exampleId, String file, String targetFile,
      long line, String source, String target) implements ReadItem {}

  /**
   * A line that cannot become an example.
   *
   * @param file the file holding the line; for text pairs, the side at fault
   * @param message what is wrong, naming the field, column, offset or other file
   * @param excerpt the start of the line as valid UTF-8
   */
  record Rejected(String dataset, String split, String file, long line, RejectReason reason,
      String message, String excerpt) implements ReadItem {}

  /**
   * The number of input records of one file or file pair: its line count, or for a text pair
   * the line count of the longer file.
   */
  record InputCount(String dataset, String split, String file, String targetFile, long records)
      implements ReadItem {}
}
