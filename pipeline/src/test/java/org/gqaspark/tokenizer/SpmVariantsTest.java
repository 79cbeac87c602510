package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rewrites the T5 model with settings that T5 does not use (user-defined symbols, byte
 * fallback, other whitespace rules, no charsmap) and compares ids and decodings with
 * spm_encode and spm_decode on the edge cases and part of the corpus sample.
 */
class SpmVariantsTest {

  private static final int CORPUS_LINES = 500;

  private static final List<String> EXTRA_LINES = List.of(
      "Visit New York<sep>now", "\uff21\uff22\uff23 and \uff21\uff22", "x<sep><sep>y",
      "  <sep>  leading", "\u4f60\u597d \u2603 byte fallback \ud83d\ude00");

  /** A way to change the T5 model; each must still load in the library. */
  enum Variant {
    DUMMY_PREFIX(model -> model.withNormalizerSpec(
        model.normalizerSpec().withAddDummyPrefix(true))),
    KEEP_EXTRA_WHITESPACE(model -> model.withNormalizerSpec(
        model.normalizerSpec().withRemoveExtraWhitespaces(false).withAddDummyPrefix(true))),
    NO_WHITESPACE_ESCAPE(model -> model.withNormalizerSpec(
        model.normalizerSpec().withEscapeWhitespaces(false))),
    IDENTITY_NORMALIZER(model -> model.withNormalizerSpec(
        NormalizerSpec.of(NormalizerSpec.IDENTITY, new byte[0]))),
    WHITESPACE_AS_SUFFIX(model -> withTrainerSpec(model, model.trainerSpec()
        .withBool(TrainerSpec.TREAT_WHITESPACE_AS_SUFFIX, true))),
    USER_DEFINED_SYMBOLS(model -> withExtraPieces(model, PieceType.USER_DEFINED,
        List.of("<sep>", "\uff21\uff22", "New York", "a  b"), false)),
    BYTE_FALLBACK(model -> withExtraPieces(model, PieceType.BYTE, bytePieces(), true));

    final UnaryOperator<SentencePieceModel> change;

    Variant(UnaryOperator<SentencePieceModel> change) {
      this.change = change;
    }
  }

  private static List<byte[]> lines;

  @BeforeAll
  static void loadLines() {
    lines = new ArrayList<>(SpmFixture.load("edge").inputs());
    lines.addAll(SpmFixture.load("corpus").inputs().subList(0, CORPUS_LINES));
    for (String line : EXTRA_LINES) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void idsEqualSpmEncode(Variant variant, @TempDir Path dir) throws IOException {
    SpmTool.requireInstalled();
    SentencePieceModel model = variant.change.apply(T5Vocab.tokenizer().model());
    Path file = dir.resolve("variant.model");
    Files.write(file, model.toByteArray());
    SentencePieceTokenizer tokenizer = SentencePieceTokenizer.fromModel(model, 0);

    List<int[]> expected = SpmTool.encode(file, lines, dir);
    List<String> mismatches = T5FixtureTest.mismatches(lines.size(), line -> {
      int[] actual = tokenizer.encodeUtf8(lines.get(line));
      return Arrays.equals(actual, expected.get(line)) ? null
          : Arrays.toString(actual) + " but spm_encode gives "
              + Arrays.toString(expected.get(line));
    });

    assertEquals(List.of(), mismatches);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void decodeEqualsSpmDecode(Variant variant, @TempDir Path dir) throws IOException {
    SpmTool.requireInstalled();
    SentencePieceModel model = variant.change.apply(T5Vocab.tokenizer().model());
    Path file = dir.resolve("variant.model");
    Files.write(file, model.toByteArray());
    SentencePieceTokenizer tokenizer = SentencePieceTokenizer.fromModel(model, 0);

    List<int[]> ids = SpmTool.encode(file, lines, dir);
    List<String> expected = SpmTool.decode(file, ids, dir);
    List<String> mismatches = T5FixtureTest.mismatches(lines.size(), line -> {
      String actual = tokenizer.decode(ids.get(line));
      return actual.equals(expected.get(line)) ? null
          : "\"" + actual + "\" but spm_decode gives \"" + expected.get(line) + "\"";
    });

    assertEquals(List.of(), mismatches);
  }

  private static SentencePieceModel withTrainerSpec(SentencePieceModel model, TrainerSpec spec) {
    return SentencePieceModel.of(pieces(model), spec, model.normalizerSpec());
  }

  private static SentencePieceModel withExtraPieces(SentencePieceModel model, PieceType type,
      List<String> extra, boolean byteFallback) {
    List<SentencePieceModel.Piece> pieces = pieces(model);
    for (String piece : extra) {
      pieces.add(new SentencePieceModel.Piece(piece, 0f, type));
    }
    TrainerSpec spec = model.trainerSpec().withBool(TrainerSpec.BYTE_FALLBACK, byteFallback);
    return SentencePieceModel.of(pieces, spec, model.normalizerSpec());
  }

  private static List<SentencePieceModel.Piece> pieces(SentencePieceModel model) {
    List<SentencePieceModel.Piece> pieces = new ArrayList<>();
    for (int id = 0; id < model.size(); id++) {
      pieces.add(model.piece(id));
    }
    return pieces;
  }

  private static List<String> bytePieces() {
    List<String> pieces = new ArrayList<>();
    for (int value = 0; value < 256; value++) {
      pieces.add(String.format("<0x%02X>", value));
    }
    return pieces;
  }
}
