package org.gqaspark.data;

/** Turns one tab-separated line into a record or a reject. Columns split at every tab. */
final class TsvLineParser {

  private final FileContext context;
  private final CorpusSource.Tsv source;
  private final int columnsNeeded;

  TsvLineParser(FileContext context, CorpusSource.Tsv source) {
    this.context = context;
    this.source = source;
    this.columnsNeeded = 1 + Math.max(source.idColumn(),
        Math.max(source.sourceColumn(), source.targetColumn()));
  }

  ReadItem parse(long line, String text) {
    if (Texts.isBlank(text)) {
      return context.reject(line, RejectReason.EMPTY_TEXT, "blank line", text);
    }
    String[] columns = text.split("\t", -1);
    if (columns.length < columnsNeeded) {
      return context.reject(line, RejectReason.MISSING_FIELD, "the line has " + columns.length
          + (columns.length == 1 ? " column" : " columns") + " but column " + (columnsNeeded - 1)
          + " (0-based) is configured", text);
    }
    String input = columns[source.sourceColumn()];
    if (Texts.isBlank(input)) {
      return context.reject(line, RejectReason.EMPTY_TEXT, "source column "
          + source.sourceColumn() + " is " + (input.isEmpty() ? "empty" : "whitespace only"),
          text);
    }
    String target = columns[source.targetColumn()];
    if (Texts.isBlank(target)) {
      return context.reject(line, RejectReason.EMPTY_TEXT, "target column "
          + source.targetColumn() + " is " + (target.isEmpty() ? "empty" : "whitespace only"),
          text);
    }
    String id = context.derivedId(line);
    if (source.idColumn() >= 0) {
      id = columns[source.idColumn()];
      if (Texts.isBlank(id)) {
        return context.reject(line, RejectReason.MISSING_FIELD, "id column " + source.idColumn()
            + " is empty", text);
      }
    }
    return context.record(id, null, line, input, target);
  }
}
