package org.gqaspark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gqaspark.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

class ExampleBuilderTest {

  private static DatasetSpec translation(int maxInput, int maxTarget, OverLengthPolicy policy) {
    return new DatasetSpec("wmt", "test", "translate English to German: ",
        new TokenLimits(maxInput, maxTarget, policy),
        new CorpusSource.TextPair(List.of("en.txt"), List.of("de.txt")));
  }

  @Test
  void t5TranslationIds() {
    ExampleBuilder.Result result = ExampleBuilder.build(TestTokenizers.t5(),
        translation(64, 64, OverLengthPolicy.REJECT), "That is good.", "Das ist gut.");

    // T5's ids for this input, EOS (1) appended.
    assertArrayEquals(new int[] {13959, 1566, 12, 2968, 10, 466, 19, 207, 5, 1},
        result.inputIds());
    assertEquals(1, result.targetIds()[result.targetIds().length - 1]);
    assertFalse(result.truncated());
    assertNull(result.reason());
  }

  @Test
  void rawTextGetsEosTarget() {
    DatasetSpec raw = new DatasetSpec("papers", "train", "", new TokenLimits(64, 8,
        OverLengthPolicy.REJECT), new CorpusSource.Jsonl(List.of("papers.jsonl"),
        FieldPath.parse("text"), null, null, " ", " "));

    ExampleBuilder.Result result = ExampleBuilder.build(TestTokenizers.t5(), raw,
        "That is good.", "");

    assertArrayEquals(new int[] {466, 19, 207, 5, 1}, result.inputIds());
    assertArrayEquals(new int[] {1}, result.targetIds());
    assertNull(result.reason());
  }

  @Test
  void overLongInputRejected() {
    ExampleBuilder.Result result = ExampleBuilder.build(TestTokenizers.t5(),
        translation(9, 64, OverLengthPolicy.REJECT), "That is good.", "Das ist gut.");

    assertEquals(RejectReason.TOO_MANY_TOKENS, result.reason());
    assertEquals("the input has 10 tokens (task prefix and EOS included) but max-input-tokens"
        + " is 9", result.message());
    assertFalse(result.targetAtFault());
  }

  @Test
  void overLongTargetRejected() {
    ExampleBuilder.Result result = ExampleBuilder.build(TestTokenizers.t5(),
        translation(64, 2, OverLengthPolicy.REJECT), "That is good.", "Das ist gut.");

    assertEquals(RejectReason.TOO_MANY_TOKENS, result.reason());
    assertTrue(result.message().startsWith("the target has "), result.message());
    assertTrue(result.targetAtFault());
  }

  @Test
  void truncationKeepsEos() {
    ExampleBuilder.Result result = ExampleBuilder.build(TestTokenizers.t5(),
        translation(6, 3, OverLengthPolicy.TRUNCATE), "That is good.", "Das ist gut.");

    assertArrayEquals(new int[] {13959, 1566, 12, 2968, 10, 1}, result.inputIds());
    assertEquals(3, result.targetIds().length);
    assertEquals(1, result.targetIds()[2]);
    assertTrue(result.truncated());
  }

  @Test
  void targetWithoutTokensRejected() {
    Tokenizer tokenizer = TestTokenizers.t5();
    DatasetSpec noPrefix = new DatasetSpec("d", "s", "", new TokenLimits(8, 8,
        OverLengthPolicy.REJECT), new CorpusSource.TextPair(List.of("a"), List.of("b")));

    // T5's normalizer removes control characters, so this target has no tokens.
    ExampleBuilder.Result result = ExampleBuilder.build(tokenizer, noPrefix, "Hello.", "\u0001");

    assertEquals(0, tokenizer.encode("\u0001").length);
    assertEquals(RejectReason.EMPTY_TEXT, result.reason());
    assertEquals("the target has no tokens", result.message());
    assertTrue(result.targetAtFault());
  }

  @Test
  void withEosCutsAtMaximum() {
    assertArrayEquals(new int[] {7, 8, 1}, ExampleBuilder.withEos(new int[] {7, 8}, 5, 1));
    assertArrayEquals(new int[] {7, 1}, ExampleBuilder.withEos(new int[] {7, 8, 9}, 2, 1));
  }
}
