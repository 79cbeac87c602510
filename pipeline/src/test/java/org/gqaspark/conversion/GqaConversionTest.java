package org.gqaspark.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.TestTensors;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.junit.jupiter.api.Test;

/**
 * Conversions of a tiny model: H = 4 heads of d_kv = 2 over d_model = 3, so a multi-head K
 * or V weight is [8, 3] and head h owns rows 2h and 2h + 1.
 */
class GqaConversionTest {

  private static final T5Config MHA =
      T5Config.multiHead(10, 3, 2, 5, 1, 2, 4, FeedForwardKind.RELU, true);

  private static final String DECODER_K = "decoder.block.1.layer.0.SelfAttention.k.weight";
  private static final String CROSS_V = "decoder.block.0.layer.1.EncDecAttention.v.weight";
  private static final String ENCODER_K = "encoder.block.0.layer.0.SelfAttention.k.weight";

  /** Row r of this [8, 3] weight is [10r + offset, 10r + offset + 1, 10r + offset + 2]. */
  private static FloatTensor patterned(int offset) {
    float[] data = new float[8 * 3];
    for (int row = 0; row < 8; row++) {
      for (int column = 0; column < 3; column++) {
        data[row * 3 + column] = 10 * row + offset + column;
      }
    }
    return new FloatTensor(new int[] {8, 3}, data);
  }

  private static Map<String, FloatTensor> model() {
    Map<String, FloatTensor> tensors = TestTensors.randomModel(MHA, 9);
    tensors.put(DECODER_K, patterned(0));
    tensors.put(CROSS_V, patterned(100));
    return tensors;
  }

  @Test
  void fullGroupsKeepTensors() throws Exception {
    Map<String, FloatTensor> tensors = model();

    ConvertedModel converted = GqaConversion.convert(MHA, tensors,
        ConversionOptions.meanPool(4));

    assertEquals(tensors, converted.tensors());
    assertEquals(4, converted.config().numKeyValueHeads());
  }

  @Test
  void twoGroupsMeanHandComputed() throws Exception {
    ConvertedModel converted = GqaConversion.convert(MHA, model(),
        ConversionOptions.meanPool(2));

    // Group 0 = heads 0 and 1 (rows 0-1 and 2-3), group 1 = heads 2 and 3 (rows 4-7):
    // new row 0 = mean(rows 0, 2), 1 = mean(rows 1, 3), 2 = mean(rows 4, 6), 3 = mean(5, 7).
    assertArrayEquals(new float[] {
        10, 11, 12,
        20, 21, 22,
        50, 51, 52,
        60, 61, 62}, converted.tensors().get(DECODER_K).data());
    assertArrayEquals(new int[] {4, 3}, converted.tensors().get(DECODER_K).shape());
  }

  @Test
  void oneGroupMeanHandComputed() throws Exception {
    ConvertedModel converted = GqaConversion.convert(MHA, model(),
        ConversionOptions.meanPool(1));

    // New row 0 = mean(rows 0, 2, 4, 6), row 1 = mean(rows 1, 3, 5, 7).
    assertArrayEquals(new float[] {
        130, 131, 132,
        140, 141, 142}, converted.tensors().get(CROSS_V).data());
    assertArrayEquals(new float[] {
        30, 31, 32,
        40, 41, 42}, converted.tensors().get(DECODER_K).data());
  }

  @Test
  void meanRoundsOnceFromDouble() throws Exception {
    Map<String, FloatTensor> tensors = model();
    float[] data = new float[24];
    data[0] = 1.0f;
    data[6] = 0x1.0p-24f;
    tensors.put(DECODER_K, new FloatTensor(new int[] {8, 3}, data));

    float pooled = GqaConversion.convert(MHA, tensors, ConversionOptions.meanPool(2))
        .tensors().get(DECODER_K).data()[0];

    // (1 + 2^-24) / 2 = 0.5 + 2^-25 is exact in float; float addition would lose 2^-24.
    assertEquals(0.5f + 0x1.0p-25f, pooled);
  }

  @Test
  void firstTakesGroupLeader() throws Exception {
    ConvertedModel converted = GqaConversion.convert(MHA, model(),
        ConversionOptions.meanPool(2).withMethod(KeyValueInit.FIRST));

    // Heads 0 and 2: rows 0, 1 and 4, 5.
    assertArrayEquals(new float[] {
        0, 1, 2,
        10, 11, 12,
        40, 41, 42,
        50, 51, 52}, converted.tensors().get(DECODER_K).data());
  }

  @Test
  void encoderStaysMultiHead() throws Exception {
    Map<String, FloatTensor> tensors = model();

    ConvertedModel converted = GqaConversion.convert(MHA, tensors,
        ConversionOptions.meanPool(1));

    assertSame(tensors.get(ENCODER_K), converted.tensors().get(ENCODER_K));
    assertEquals(4, converted.config().keyValueHeads(AttentionKind.ENCODER_SELF));
    assertEquals(1, converted.config().keyValueHeads(AttentionKind.CROSS));
  }

  @Test
  void chosenKindsOnly() throws Exception {
    ConvertedModel converted = GqaConversion.convert(MHA, model(),
        ConversionOptions.meanPool(2).withAttentionKinds(EnumSet.of(AttentionKind.CROSS)));

    assertEquals(patterned(0), converted.tensors().get(DECODER_K));
    assertArrayEquals(new int[] {4, 3}, converted.tensors().get(CROSS_V).shape());
    assertEquals(Set.of(AttentionKind.CROSS), converted.config().gqaAttentionKinds());
  }

  @Test
  void groupedSourcePoolsGroups() throws Exception {
    ConvertedModel grouped = GqaConversion.convert(MHA, model(),
        ConversionOptions.meanPool(2));

    ConvertedModel single = GqaConversion.convert(grouped.config(), grouped.tensors(),
        ConversionOptions.meanPool(1));

    assertArrayEquals(new float[] {
        30, 31, 32,
        40, 41, 42}, single.tensors().get(DECODER_K).data());
    assertEquals(1, single.config().numKeyValueHeads());
  }

  @Test
  void randomKeepsShapeAndSeed() throws Exception {
    ConversionOptions options = ConversionOptions.meanPool(2)
        .withMethod(KeyValueInit.RANDOM).withSeed(42);

    FloatTensor first = GqaConversion.convert(MHA, model(), options).tensors().get(DECODER_K);
    FloatTensor again = GqaConversion.convert(MHA, model(), options).tensors().get(DECODER_K);
    FloatTensor other = GqaConversion.convert(MHA, model(), options.withSeed(43)).tensors()
        .get(DECODER_K);

    assertArrayEquals(new int[] {4, 3}, first.shape());
    assertEquals(first, again);
    assertNotEquals(first, other);
  }

  @Test
  void groupsMustDivideHeads() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> GqaConversion.convert(MHA, model(), ConversionOptions.meanPool(3))).getMessage();

    assertEquals("Cannot convert to 3 key/value heads: G = 3 must divide the number of query"
        + " heads H = 4 so that every group has the same number of heads. Choose a divisor of"
        + " 4.", message);
  }

  @Test
  void groupsMustDivideExistingGroups() throws Exception {
    T5Config config = T5Config.multiHead(10, 3, 2, 5, 1, 1, 8, FeedForwardKind.RELU, true)
        .withKeyValueHeads(2);
    Map<String, FloatTensor> tensors = TestTensors.randomModel(config, 1);

    String message = assertThrows(IllegalArgumentException.class,
        () -> GqaConversion.convert(config, tensors, ConversionOptions.meanPool(4)))
        .getMessage();

    assertEquals("Cannot convert decoder_self attention to 4 key/value heads: the checkpoint"
        + " already has 2 key/value heads there (H = 8), and only groups of whole existing"
        + " heads can be pooled, so G = 4 must divide 2. Choose a divisor of 2, or convert the"
        + " multi-head checkpoint instead.", message);
  }

  @Test
  void groupedKindMustStayIncluded() throws Exception {
    ConvertedModel grouped = GqaConversion.convert(MHA, model(),
        ConversionOptions.meanPool(2));

    String message = assertThrows(IllegalArgumentException.class,
        () -> GqaConversion.convert(grouped.config(), grouped.tensors(),
            ConversionOptions.meanPool(1).withAttentionKinds(EnumSet.of(AttentionKind.CROSS))))
        .getMessage();

    assertEquals("Cannot leave decoder_self attention out of the conversion: the checkpoint"
        + " already groups it into 2 key/value heads (H = 4), and one config has one"
        + " num_key_value_heads for every grouped kind. Include decoder_self in the attention"
        + " kinds.", message);
  }

  @Test
  void unknownMethodRejected() {
    assertEquals("Unknown conversion method \"median\": use mean, first or random.",
        assertThrows(IllegalArgumentException.class,
            () -> KeyValueInit.fromOptionName("median")).getMessage());
  }
}
