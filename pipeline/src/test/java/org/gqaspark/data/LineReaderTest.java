package org.gqaspark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private static List<String> lines(byte[] bytes, int maxLineBytes) throws IOException {
    List<String> lines = new ArrayList<>();
    try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes), maxLineBytes)) {
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        lines.add(line.number() + ":" + new String(line.bytes(), 0, line.length(),
            StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  private static List<String> lines(String text) throws IOException {
    return lines(text.getBytes(StandardCharsets.UTF_8), 1 << 20);
  }

  @Test
  void finalNewlineStartsNoLine() throws IOException {
    assertEquals(List.of("1:a", "2:b"), lines("a\nb\n"));
  }

  @Test
  void lastLineWithoutNewline() throws IOException {
    assertEquals(List.of("1:a", "2:b"), lines("a\nb"));
  }

  @Test
  void emptyLinesCounted() throws IOException {
    assertEquals(List.of("1:", "2:a", "3:"), lines("\na\n\n"));
  }

  @Test
  void emptyStreamHasNoLines() throws IOException {
    assertEquals(List.of(), lines(""));
  }

  @Test
  void crlfStripped() throws IOException {
    assertEquals(List.of("1:a", "2:b\rc"), lines("a\r\nb\rc\r\n"));
  }

  @Test
  void byteOrderMarkDropped() throws IOException {
    assertEquals(List.of("1:{}", "2:\uFEFFx"), lines("\uFEFF{}\n\uFEFFx"));
  }

  @Test
  void onlyByteOrderMarkHasNoLines() throws IOException {
    assertEquals(List.of(), lines("\uFEFF"));
  }

  @Test
  void linesSpanChunks() throws IOException {
    char[] filler = new char[150_000];
    Arrays.fill(filler, 'x');
    String longLine = new String(filler);

    List<String> lines = lines(longLine + "\nshort\n" + longLine);

    assertEquals(List.of("1:" + longLine, "2:short", "3:" + longLine), lines);
  }

  @Test
  void longLineCutButCounted() throws IOException {
    byte[] bytes = "0123456789\nab\n".getBytes(StandardCharsets.US_ASCII);
    try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes), 4)) {
      LineReader.Line first = reader.next();
      LineReader.Line second = reader.next();

      assertArrayEquals("0123".getBytes(StandardCharsets.US_ASCII), first.bytes());
      assertEquals(10, first.size());
      assertTrue(first.tooLong());
      assertEquals(2, second.number());
      assertFalse(second.tooLong());
      assertNull(reader.next());
      assertEquals(2, reader.linesRead());
    }
  }
}
