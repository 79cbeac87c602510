package org.gqaspark.metrics;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads segment files as sacreBLEU 2.6.0's command line does. Files are UTF-8 with one
 * segment per line, and lines end at "\n" only, so a carriage return inside a line stays part
 * of it. A final "\n" adds no empty line, and a name ending in ".gz" is read as gzip. A
 * byte-order mark is kept as text, as Python's "utf-8" codec keeps it. Invalid UTF-8 is an
 * error that names the file and line.
 */
public final class SegmentFiles {

  private SegmentFiles() {}

  /** Returns the lines of a file, without their "\n". */
  public static List<String> readLines(Path file) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<String> lines = new ArrayList<>();
    try (InputStream in = open(file)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          lines.add(decode(decoder, line, file, lines.size() + 1));
          line.reset();
        } else {
          line.write(b);
        }
      }
      if (line.size() > 0) {
        lines.add(decode(decoder, line, file, lines.size() + 1));
      }
    } catch (IOException e) {
      throw MetricErrors.unreadableFile(file, e);
    }
    return lines;
  }

  /** Returns the lines with trailing whitespace removed, as sacreBLEU's command line reads them. */
  public static List<String> readStrippedLines(Path file) {
    return readLines(file).stream().map(PythonText::rstrip).toList();
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static String decode(CharsetDecoder decoder, ByteArrayOutputStream line, Path file,
      long lineNumber) {
    try {
      return decoder.reset().decode(ByteBuffer.wrap(line.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw MetricErrors.invalidUtf8(file, lineNumber, e);
    }
  }
}
