package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Models that the sentencepiece library rejects on load are rejected here too. */
class ModelValidationTest {

  @Test
  void modelWithoutUnknownPieceFails() {
    SentencePieceModel model = SentencePieceModel.of(
        List.of(new SentencePieceModel.Piece("a", -1f, PieceType.NORMAL)), TrainerSpec.EMPTY,
        NormalizerSpec.EMPTY);

    assertThrows(TokenizerErrors.InvalidModelException.class,
        () -> SentencePieceTokenizer.fromModel(model, 0));
  }

  @Test
  void duplicatePieceFails() {
    SentencePieceModel model = SentencePieceModel.of(List.of(
        new SentencePieceModel.Piece("<unk>", 0f, PieceType.UNKNOWN),
        new SentencePieceModel.Piece("a", -1f, PieceType.NORMAL),
        new SentencePieceModel.Piece("a", -2f, PieceType.NORMAL)), TrainerSpec.EMPTY,
        NormalizerSpec.EMPTY);

    assertThrows(TokenizerErrors.InvalidModelException.class,
        () -> SentencePieceTokenizer.fromModel(model, 0));
  }

  @Test
  void bytePieceWithoutFallbackFails() {
    SentencePieceModel model = SentencePieceModel.of(List.of(
        new SentencePieceModel.Piece("<unk>", 0f, PieceType.UNKNOWN),
        new SentencePieceModel.Piece("<0x41>", 0f, PieceType.BYTE),
        new SentencePieceModel.Piece("a", -1f, PieceType.NORMAL)), TrainerSpec.EMPTY,
        NormalizerSpec.EMPTY);

    assertThrows(TokenizerErrors.InvalidModelException.class,
        () -> SentencePieceTokenizer.fromModel(model, 0));
  }

  @Test
  void bpeModelIsRejected() {
    SentencePieceModel model = SentencePieceModel.of(List.of(
        new SentencePieceModel.Piece("<unk>", 0f, PieceType.UNKNOWN),
        new SentencePieceModel.Piece("a", -1f, PieceType.NORMAL)),
        TrainerSpec.EMPTY.withVarint(TrainerSpec.MODEL_TYPE, 2), NormalizerSpec.EMPTY);

    assertThrows(TokenizerErrors.InvalidModelException.class,
        () -> SentencePieceTokenizer.fromModel(model, 0));
  }
}
