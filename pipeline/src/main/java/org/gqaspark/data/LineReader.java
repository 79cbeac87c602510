package org.gqaspark.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines with exact 1-based numbers. A line ends at {@code '\n'}; a
 * {@code '\r'} before it is dropped; the last line counts even without a final newline, and a
 * final newline does not start another line. A UTF-8 byte order mark at the start of the
 * stream is dropped. Bytes beyond {@code maxLineBytes} are counted but not kept, so one
 * enormous line (a binary file, a missing newline) cannot exhaust the memory of a task.
 */
final class LineReader implements Closeable {

  /** One line: its number, its first {@code min(size, maxLineBytes)} bytes and its full size. */
  record Line(long number, byte[] bytes, int length, long size) {
    boolean tooLong() {
      return size > length;
    }
  }

  private static final int CHUNK_BYTES = 64 * 1024;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunkPosition;
  private int chunkLimit;
  private boolean endOfStream;
  private boolean atStart = true;
  private long lineNumber;

  private byte[] line = new byte[256];
  private int lineLength;
  private long lineSize;

  LineReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1 but got " + maxLineBytes);
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Returns the next line, or null at the end of the stream. The bytes are a fresh copy. */
  Line next() throws IOException {
    lineLength = 0;
    lineSize = 0;
    boolean sawBytes = false;
    while (true) {
      if (chunkPosition == chunkLimit) {
        if (!fill()) {
          return sawBytes ? finish() : null;
        }
        continue;
      }
      sawBytes = true;
      int newline = indexOf(chunk, chunkPosition, chunkLimit, (byte) '\n');
      int segmentEnd = newline < 0 ? chunkLimit : newline;
      append(chunk, chunkPosition, segmentEnd - chunkPosition);
      if (newline >= 0) {
        chunkPosition = newline + 1;
        return finish();
      }
      chunkPosition = chunkLimit;
    }
  }

  /** Returns the number of lines returned so far. */
  long linesRead() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private Line finish() {
    lineNumber++;
    // Drop the '\r' of a CRLF ending; only possible when the whole line was kept.
    if (lineSize == lineLength && lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
      lineSize--;
    }
    return new Line(lineNumber, Arrays.copyOf(line, lineLength), lineLength, lineSize);
  }

  private void append(byte[] source, int offset, int count) {
    lineSize += count;
    int kept = Math.min(count, maxLineBytes - lineLength);
    if (kept <= 0) {
      return;
    }
    if (lineLength + kept > line.length) {
      int capacity = (int) Math.min((long) maxLineBytes, Math.max(2L * line.length,
          (long) lineLength + kept));
      line = Arrays.copyOf(line, capacity);
    }
    System.arraycopy(source, offset, line, lineLength, kept);
    lineLength += kept;
  }

  private boolean fill() throws IOException {
    if (endOfStream) {
      return false;
    }
    int read = in.readNBytes(chunk, 0, chunk.length);
    if (read <= 0) {
      endOfStream = true;
      return false;
    }
    chunkPosition = 0;
    chunkLimit = read;
    if (atStart) {
      atStart = false;
      if (read >= 3 && (chunk[0] & 0xFF) == 0xEF && (chunk[1] & 0xFF) == 0xBB
          && (chunk[2] & 0xFF) == 0xBF) {
        chunkPosition = 3;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
