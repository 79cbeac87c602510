package org.gqaspark.data;

/** The file a reader is in, and the factories for what it produces there. */
record FileContext(DatasetSpec dataset, InputFile file, int excerptChars) {

  /** Returns the id of a record that has no id of its own: {@code RELATIVE_FILE:LINE}. */
  String derivedId(long line) {
    return file.relativeName() + ":" + line;
  }

  ReadItem.Rejected reject(long line, RejectReason reason, String message, String text) {
    return rejectIn(file.path(), line, reason, message, text);
  }

  ReadItem.Rejected rejectIn(String path, long line, RejectReason reason, String message,
      String text) {
    return new ReadItem.Rejected(dataset.name(), dataset.split(), path, line, reason, message,
        Texts.excerpt(text, excerptChars));
  }

  ReadItem.Record record(String exampleId, String targetFile, long line, String source,
      String target) {
    return new ReadItem.Record(dataset.name(), dataset.split(), exampleId, file.path(),
        targetFile, line, source, target);
  }
}
