package org.gqaspark.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One fixture set written by scripts/fixtures/make_tokenizer_fixtures.py: input lines (raw
 * bytes) with the ids, pieces and decodings that spm_encode and spm_decode 0.1.97 printed.
 */
record SpmFixture(String name, List<byte[]> inputs, List<int[]> ids, List<String> pieces,
    List<String> decoded) {

  static SpmFixture load(String name) {
    List<byte[]> inputs = lines(name + ".input.gz");
    List<int[]> ids = new ArrayList<>();
    for (byte[] line : lines(name + ".ids.gz")) {
      String text = new String(line, StandardCharsets.UTF_8);
      ids.add(text.isEmpty() ? new int[0]
          : Arrays.stream(text.split(" ")).mapToInt(Integer::parseInt).toArray());
    }
    return new SpmFixture(name, inputs, ids, strings(name + ".pieces.gz"),
        strings(name + ".decoded.gz"));
  }

  int size() {
    return inputs.size();
  }

  /** Splits bytes on '\n' only, as spm_encode's getline does. */
  static List<byte[]> splitLines(byte[] content) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        lines.add(Arrays.copyOfRange(content, start, i));
        start = i + 1;
      }
    }
    if (start < content.length) {
      lines.add(Arrays.copyOfRange(content, start, content.length));
    }
    return lines;
  }

  private static List<String> strings(String resource) {
    List<String> strings = new ArrayList<>();
    for (byte[] line : lines(resource)) {
      strings.add(new String(line, StandardCharsets.UTF_8));
    }
    return strings;
  }

  private static List<byte[]> lines(String resource) {
    String path = "/tokenizer/t5/" + resource;
    try (InputStream raw = SpmFixture.class.getResourceAsStream(path)) {
      if (raw == null) {
        throw new IllegalStateException("Test resource " + path + " is missing: run"
            + " scripts/fixtures/make_tokenizer_fixtures.py");
      }
      try (InputStream input = new GZIPInputStream(raw)) {
        return splitLines(input.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
