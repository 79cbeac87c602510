package org.gqaspark.data;

import java.io.Serializable;
import java.util.List;

/**
 * The source of a dataset's records: its files, and how each line becomes a source and a
 * target text.
 * Paths are local paths or Hadoop URIs ({@code s3a://bucket/key}, {@code file:/...}); a path
 * may be a file, a folder (its files, hidden ones and names starting with {@code _} or
 * {@code .} excluded) or a glob. Files ending in {@code .gz} or {@code .bz2} are decompressed.
 */
public sealed interface CorpusSource extends Serializable
    permits CorpusSource.Jsonl, CorpusSource.TextPair, CorpusSource.Tsv {

  /** Returns the name of the format in settings: jsonl, text-pair or tsv. */
  String format();

  /** Returns a one-line description of the files and fields, for logs. */
  String describe();

  /**
   * Returns whether records have a target text. Raw text for pretraining has none; its
   * examples get EOS alone as target ids.
   */
  default boolean hasTarget() {
    return true;
  }

  /**
   * JSON lines: one object per line. A text field is a string or a list of strings, joined
   * with the separator.
   *
   * @param paths files, folders or globs
   * @param sourceField the input text
   * @param targetField the target text, or null for raw text without a target
   * @param idField the record's own id (string or integer), or null to derive the id from the
   *     file name and line number
   * @param sourceSeparator joins a list-valued source field
   * @param targetSeparator joins a list-valued target field
   */
  record Jsonl(List<String> paths, FieldPath sourceField, FieldPath targetField,
      FieldPath idField, String sourceSeparator, String targetSeparator) implements CorpusSource {

    public Jsonl {
      paths = List.copyOf(paths);
    }

    @Override
    public String format() {
      return "jsonl";
    }

    @Override
    public boolean hasTarget() {
      return targetField != null;
    }

    @Override
    public String describe() {
      String target = targetField == null ? "no target field (raw text)"
          : "target field " + targetField + " (lists joined with \""
              + escaped(targetSeparator) + "\")";
      return "jsonl " + paths + ", source field " + sourceField + " (lists joined with \""
          + escaped(sourceSeparator) + "\"), " + target + ", "
          + (idField == null ? "ids from file and line" : "id field " + idField);
    }
  }

  /**
   * Aligned plain-text files: line N of a source file is the translation of line N of its
   * target file. Source file I pairs with target file I, in the listed order after expanding
   * folders and globs (each sorted by name).
   */
  record TextPair(List<String> sourcePaths, List<String> targetPaths) implements CorpusSource {

    public TextPair {
      sourcePaths = List.copyOf(sourcePaths);
      targetPaths = List.copyOf(targetPaths);
    }

    @Override
    public String format() {
      return "text-pair";
    }

    @Override
    public String describe() {
      return "text-pair sources " + sourcePaths + ", targets " + targetPaths;
    }
  }

  /**
   * Tab-separated values without quoting: columns are split at every tab.
   *
   * @param paths files, folders or globs
   * @param sourceColumn 0-based index of the input text column
   * @param targetColumn 0-based index of the target text column
   * @param idColumn 0-based index of an id column, or -1 to derive the id from the file name
   *     and line number
   */
  record Tsv(List<String> paths, int sourceColumn, int targetColumn, int idColumn)
      implements CorpusSource {

    public Tsv {
      paths = List.copyOf(paths);
    }

    @Override
    public String format() {
      return "tsv";
    }

    @Override
    public String describe() {
      return "tsv " + paths + ", source column " + sourceColumn + ", target column "
          + targetColumn + (idColumn < 0 ? ", ids from file and line" : ", id column " + idColumn);
    }
  }

  /** Returns the text with tabs, newlines and carriage returns written as escapes. */
  private static String escaped(String text) {
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
