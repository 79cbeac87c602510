package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.Test;

/** Reading and writing the ModelProto wire format. */
class SentencePieceModelTest {

  private static final Path T5_MODEL =
      RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model");

  @Test
  void t5ModelRewritesByteForByte() throws IOException {
    byte[] original = Files.readAllBytes(T5_MODEL);

    byte[] rewritten = SentencePieceModel.parse(original, "t5").toByteArray();

    assertArrayEquals(original, rewritten);
  }

  @Test
  void t5FieldsParse() throws IOException {
    SentencePieceModel model = SentencePieceModel.parse(Files.readAllBytes(T5_MODEL), "t5");

    assertEquals(32_000, model.size());
    assertEquals(new SentencePieceModel.Piece("<pad>", 0f, PieceType.CONTROL), model.piece(0));
    assertEquals(new SentencePieceModel.Piece("<unk>", 0f, PieceType.UNKNOWN), model.piece(2));
    assertEquals(-2.0122928619384766f, model.score(3));
    assertEquals(TrainerSpec.MODEL_TYPE_UNIGRAM, model.trainerSpec().modelType());
    assertEquals(32_000, model.trainerSpec().vocabSize());
    assertEquals(2, model.trainerSpec().unkId());
    assertEquals(-1, model.trainerSpec().bosId());
    assertEquals(1, model.trainerSpec().eosId());
    assertEquals(0, model.trainerSpec().padId());
    assertEquals(15, model.trainerSpec().input().size());
    assertEquals("nmt_nfkc", model.normalizerSpec().name());
    assertEquals(237_539, model.normalizerSpec().precompiledCharsmap().length);
    assertFalse(model.normalizerSpec().addDummyPrefix());
    assertTrue(model.normalizerSpec().removeExtraWhitespaces());
    assertTrue(model.normalizerSpec().escapeWhitespaces());
    assertNull(model.denormalizerSpec());
  }

  @Test
  void unknownFieldsSurviveRewrite() {
    ProtoWriter writer = new ProtoWriter(64);
    byte[] piece = pieceBytes("<unk>", PieceType.UNKNOWN, /* extension field 200 */ 200);
    writer.writeBytesField(1, piece);
    writer.writeBytesField(2, ProtoFields.EMPTY.withVarint(99, 7).withVarint(40, 0).toByteArray());
    writer.writeBytesField(3, new byte[0]);
    writer.writeVarintField(300, 42);
    byte[] original = writer.toByteArray();

    SentencePieceModel model = SentencePieceModel.parse(original, "test");

    assertArrayEquals(original, model.toByteArray());
    assertEquals(PieceType.UNKNOWN, model.type(0));
  }

  @Test
  void negativeIdsRoundTrip() {
    TrainerSpec spec = TrainerSpec.EMPTY.withVarint(TrainerSpec.BOS_ID, -1);
    SentencePieceModel model = SentencePieceModel.of(
        List.of(new SentencePieceModel.Piece("<unk>", 0f, PieceType.UNKNOWN)), spec,
        NormalizerSpec.EMPTY);

    SentencePieceModel parsed = SentencePieceModel.parse(model.toByteArray(), "test");

    assertEquals(-1, parsed.trainerSpec().bosId());
  }

  @Test
  void truncatedModelFails() throws IOException {
    byte[] original = Files.readAllBytes(T5_MODEL);
    byte[] truncated = Arrays.copyOf(original, original.length - 100);

    assertThrows(TokenizerErrors.InvalidModelException.class,
        () -> SentencePieceModel.parse(truncated, "truncated"));
  }

  @Test
  void invalidPieceTypeFails() {
    ProtoWriter piece = new ProtoWriter(16);
    piece.writeStringField(1, "x");
    piece.writeVarintField(3, 9);
    ProtoWriter writer = new ProtoWriter(16);
    writer.writeBytesField(1, piece.toByteArray());

    assertThrows(TokenizerErrors.InvalidModelException.class,
        () -> SentencePieceModel.parse(writer.toByteArray(), "test"));
  }

  private static byte[] pieceBytes(String text, PieceType type, int extensionField) {
    ProtoWriter writer = new ProtoWriter(16);
    writer.writeStringField(1, text);
    writer.writeFloatField(2, 0f);
    writer.writeVarintField(3, type.number());
    writer.writeVarintField(extensionField, 5);
    return writer.toByteArray();
  }
}
