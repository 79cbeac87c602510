package org.gqaspark.data;

import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.util.Collection;

/** Builds every exception of the data package, each with the value, the place and a fix. */
public final class DataErrors {

  private DataErrors() {}

  /** An invalid tokenize or dataset setting. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A corpus file that could not be listed or read; the job stops on it. */
  public static final class CorpusReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorpusReadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Written rows that do not add up to the input records. */
  public static final class CountMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CountMismatchException(String message) {
      super(message);
    }
  }

  /** Returns the error for a value that breaks a rule; {@code where} names the file and line. */
  public static InvalidSettingException invalidSetting(
      String where, String key, Object value, String requirement) {
    return new InvalidSettingException("Invalid tokenize setting" + at(where) + ": \"" + key
        + "\" must be " + requirement + " but got " + value + ".", null);
  }

  /** Returns the error for a key that no tokenize setting has, such as a misspelt one. */
  public static InvalidSettingException unknownSetting(String where, String key,
      Collection<String> known) {
    return new InvalidSettingException("Unknown tokenize setting" + at(where) + ": \"" + key
        + "\" is not one of " + known + ". Correct its spelling or remove it.", null);
  }

  /** Returns the error for a setting that the chosen format requires but the block lacks. */
  public static InvalidSettingException missingSetting(String where, String key, String why) {
    return new InvalidSettingException("Missing tokenize setting" + at(where) + ": \"" + key
        + "\" is required " + why + ".", null);
  }

  /** Returns the error for a vocabulary input whose JSON records lack the field to read. */
  public static InvalidSettingException unknownJsonField(String field,
      java.util.List<String> paths, java.util.List<String> fields) {
    return new InvalidSettingException("Invalid JSON field \"" + field + "\": the records in "
        + paths + " have the fields " + fields + "; name one of them.", null);
  }

  /** Returns the error for a HOCON value of the wrong type or a missing key, with its line. */
  public static InvalidSettingException fromConfig(ConfigException e) {
    return new InvalidSettingException("Invalid tokenize settings: " + e.getMessage(), e);
  }

  /** Returns the same error, prefixed with the config block it came from. */
  public static InvalidSettingException inBlock(String where, InvalidSettingException e) {
    return new InvalidSettingException("In the dataset block at " + where + ": "
        + e.getMessage(), e);
  }

  /** Returns the error for two dataset blocks with the same name and split. */
  public static InvalidSettingException duplicateDataset(String name, String split) {
    return new InvalidSettingException("Dataset \"" + name + "\" split \"" + split + "\" is"
        + " configured twice; give each block its own name or split.", null);
  }

  /** Returns the error for a path or glob that matches no file. */
  public static CorpusReadException noFiles(String dataset, String path) {
    return new CorpusReadException("No input file for dataset " + dataset + ": " + path
        + " matches no file. Check the path, the glob and the credentials of its store.", null);
  }

  /** Returns the error for a path that could not be listed, with the store's error. */
  public static CorpusReadException listingFailed(String dataset, String path, IOException e) {
    return new CorpusReadException("Could not list input files of dataset " + dataset + " at "
        + path + ": " + e.getMessage(), e);
  }

  /** Returns the error for text-pair file lists that cannot be paired file by file. */
  public static CorpusReadException pairFileCounts(String dataset, int sources, int targets) {
    return new CorpusReadException("Text-pair dataset " + dataset + " has " + sources
        + " source files but " + targets + " target files; list the same number, in matching"
        + " order, so that file N of one side pairs with file N of the other.", null);
  }

  /** Returns the error for a read failure inside a file, such as a truncated gzip stream. */
  public static CorpusReadException readFailed(String file, long linesRead, IOException e) {
    return new CorpusReadException("Could not read " + file + " after line " + linesRead + ": "
        + e.getMessage() + ". A truncated or corrupt file cannot be accounted line by line;"
        + " repair or remove it and run the job again.", e);
  }

  /** Returns the error for examples and rejects that do not add up to the input records. */
  public static CountMismatchException countMismatch(
      String runId, String dataset, String split, long input, long examples, long rejects) {
    return new CountMismatchException("Run " + runId + ", dataset " + dataset + " split " + split
        + ": read " + input + " input records but wrote " + examples + " examples and " + rejects
        + " rejects (" + (examples + rejects) + "). Records were lost or duplicated between"
        + " reading and writing; the tables hold the rows as written, so rerun the job with the"
        + " same run id after fixing the cause.");
  }

  private static String at(String where) {
    return where == null ? "" : " (" + where + ")";
  }
}
