package org.gqaspark.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of corpus lines. Spark's text reader and {@code new String(bytes,
 * UTF_8)} replace invalid bytes with U+FFFD without telling anyone, so the readers decode with
 * a reporting decoder and reject the line instead. One instance per thread: the decoder keeps
 * state.
 */
final class Utf8 {

  /** The outcome of decoding one line: the text, or the offset of the first invalid byte. */
  record Decoded(String text, int invalidOffset) {
    boolean valid() {
      return text != null;
    }
  }

  private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** Decodes {@code bytes[0, length)}, reporting the first malformed sequence. */
  Decoded decode(byte[] bytes, int length) {
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    // UTF-8 never needs more chars than bytes.
    CharBuffer out = CharBuffer.allocate(length);
    strict.reset();
    CoderResult result = strict.decode(in, out, true);
    if (result.isError()) {
      return new Decoded(null, in.position());
    }
    result = strict.flush(out);
    if (result.isError()) {
      return new Decoded(null, in.position());
    }
    out.flip();
    return new Decoded(out.toString(), -1);
  }

  /** Decodes with every invalid sequence replaced by U+FFFD, for excerpts of rejected lines. */
  static String decodeLenient(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
