package org.gqaspark.tables.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes records as RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field
 * quoted when it contains a comma, a double quote, CR or LF (quotes inside doubled). A null
 * field is written empty and unquoted, and an empty string as {@code ""}, so readers can
 * tell the two apart.
 */
final class CsvWriter {

  static final String RECORD_END = "\r\n";

  private final Writer out;

  CsvWriter(Writer out) {
    this.out = out;
  }

  /** Writes one record; null elements become empty fields. */
  void write(List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String field = fields.get(i);
      if (field != null) {
        out.write(quote(field));
      }
    }
    out.write(RECORD_END);
  }

  /** Returns the field as it appears in the file: quoted when it must be, else unchanged. */
  static String quote(String field) {
    boolean needsQuotes = field.isEmpty() || field.indexOf(',') >= 0
        || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0;
    if (!needsQuotes) {
      return field;
    }
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }
}
