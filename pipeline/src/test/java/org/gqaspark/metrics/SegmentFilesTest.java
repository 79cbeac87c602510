package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFilesTest {

  @TempDir
  Path folder;

  @Test
  void linesEndAtNewlineOnly() throws IOException {
    Path file = folder.resolve("refs.txt");
    Files.writeString(file, "a\rb\n\nlast", StandardCharsets.UTF_8);
    assertEquals(List.of("a\rb", "", "last"), SegmentFiles.readLines(file));
  }

  @Test
  void finalNewlineAddsNoLine() throws IOException {
    Path file = folder.resolve("refs.txt");
    Files.writeString(file, "one\ntwo\n", StandardCharsets.UTF_8);
    assertEquals(List.of("one", "two"), SegmentFiles.readLines(file));
  }

  @Test
  void byteOrderMarkIsKept() throws IOException {
    Path file = folder.resolve("hyp.txt");
    Files.writeString(file, "\uFEFFx\n", StandardCharsets.UTF_8);
    assertEquals(List.of("\uFEFFx"), SegmentFiles.readLines(file));
  }

  @Test
  void strippedLinesLoseTrailingWhitespace() throws IOException {
    Path file = folder.resolve("hyp.txt");
    Files.writeString(file, "a b \u00A0\r\n", StandardCharsets.UTF_8);
    assertEquals(List.of("a b"), SegmentFiles.readStrippedLines(file));
  }

  @Test
  void gzipFilesAreRead() throws IOException {
    Path file = folder.resolve("refs.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("é\nü\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(List.of("é", "ü"), SegmentFiles.readLines(file));
  }

  @Test
  void invalidUtf8NamesFileAndLine() throws IOException {
    Path file = folder.resolve("bad.txt");
    Files.write(file, new byte[] {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n'});
    MetricErrors.InvalidMetricInputException error = assertThrows(
        MetricErrors.InvalidMetricInputException.class, () -> SegmentFiles.readLines(file));
    assertTrue(error.getMessage().contains(file + " at line 2"), error.getMessage());
  }
}
