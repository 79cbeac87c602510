package org.gqaspark.checkpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/** Passes bytes through while counting them and computing their CRC-32C. */
final class ChecksumOutputStream extends FilterOutputStream {

  private final CRC32C crc = new CRC32C();
  private long bytes;

  ChecksumOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    crc.update(b);
    bytes++;
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    out.write(buffer, offset, length);
    crc.update(buffer, offset, length);
    bytes += length;
  }

  /** Returns the record of what has passed so far, under {@code name}. */
  WrittenFile record(String name) {
    return new WrittenFile(name, bytes, crc32cHex(crc.getValue()));
  }

  static String crc32cHex(long value) {
    return String.format("%08x", value);
  }
}
