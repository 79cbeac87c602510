package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the Java tokenizer with spm_encode and spm_decode 0.1.97 on the T5 vocabulary: the
 * sampled corpus lines and the edge cases that the fixture script writes.
 */
class T5FixtureTest {

  private static final int MAX_REPORTED = 5;

  @Test
  void corpusHasEnoughLines() {
    assertTrue(SpmFixture.load("corpus").size() >= 2000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"corpus", "edge"})
  void idsOfBytesEqualSpmEncode(String set) {
    SpmFixture fixture = SpmFixture.load(set);
    SentencePieceTokenizer tokenizer = T5Vocab.tokenizer();

    List<String> mismatches = mismatches(fixture.size(), line -> {
      int[] actual = tokenizer.encodeUtf8(fixture.inputs().get(line));
      return Arrays.equals(actual, fixture.ids().get(line)) ? null
          : Arrays.toString(actual) + " but spm_encode gives "
              + Arrays.toString(fixture.ids().get(line));
    });

    assertEquals(List.of(), mismatches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"corpus", "edge"})
  void idsOfStringsEqualSpmEncode(String set) {
    SpmFixture fixture = SpmFixture.load(set);
    SentencePieceTokenizer tokenizer = T5Vocab.tokenizer();

    List<String> mismatches = mismatches(fixture.size(), line -> {
      String text = decodeStrictly(fixture.inputs().get(line));
      if (text == null) {
        return null;
      }
      int[] actual = tokenizer.encode(text);
      return Arrays.equals(actual, fixture.ids().get(line)) ? null
          : Arrays.toString(actual) + " but spm_encode gives "
              + Arrays.toString(fixture.ids().get(line));
    });

    assertEquals(List.of(), mismatches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"corpus", "edge"})
  void piecesEqualSpmEncode(String set) {
    SpmFixture fixture = SpmFixture.load(set);
    SentencePieceTokenizer tokenizer = T5Vocab.tokenizer();

    List<String> mismatches = mismatches(fixture.size(), line -> {
      String text = decodeStrictly(fixture.inputs().get(line));
      if (text == null) {
        return null;
      }
      String actual = String.join(" ", tokenizer.encodeAsPieces(text));
      return actual.equals(fixture.pieces().get(line)) ? null
          : "\"" + actual + "\" but spm_encode gives \"" + fixture.pieces().get(line) + "\"";
    });

    assertEquals(List.of(), mismatches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"corpus", "edge"})
  void decodeEqualsSpmDecode(String set) {
    SpmFixture fixture = SpmFixture.load(set);
    SentencePieceTokenizer tokenizer = T5Vocab.tokenizer();

    List<String> mismatches = mismatches(fixture.size(), line -> {
      String actual = tokenizer.decode(fixture.ids().get(line));
      return actual.equals(fixture.decoded().get(line)) ? null
          : "\"" + actual + "\" but spm_decode gives \"" + fixture.decoded().get(line) + "\"";
    });

    assertEquals(List.of(), mismatches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"corpus", "edge"})
  void roundTripEqualsSpmDecode(String set) {
    SpmFixture fixture = SpmFixture.load(set);
    SentencePieceTokenizer tokenizer = T5Vocab.tokenizer();

    List<String> mismatches = mismatches(fixture.size(), line -> {
      String actual = tokenizer.decode(tokenizer.encodeUtf8(fixture.inputs().get(line)));
      return actual.equals(fixture.decoded().get(line)) ? null
          : "\"" + actual + "\" but spm_decode gives \"" + fixture.decoded().get(line) + "\"";
    });

    assertEquals(List.of(), mismatches);
  }

  /** Returns the first few failures as "line N: detail"; a check returns null when it passes. */
  static List<String> mismatches(int lines, IntFunction<String> check) {
    List<String> failures = new ArrayList<>();
    int failed = 0;
    for (int line = 0; line < lines; line++) {
      String failure = check.apply(line);
      if (failure != null) {
        failed++;
        if (failures.size() < MAX_REPORTED) {
          failures.add("line " + (line + 1) + ": " + abbreviate(failure));
        }
      }
    }
    if (failed > failures.size()) {
      failures.add("... " + (failed - failures.size()) + " more of " + lines + " lines");
    }
    return failures;
  }

  /** Returns the text of well-formed UTF-8, or null for the invalid byte cases. */
  static String decodeStrictly(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 600 ? text : text.substring(0, 600) + "...";
  }
}
