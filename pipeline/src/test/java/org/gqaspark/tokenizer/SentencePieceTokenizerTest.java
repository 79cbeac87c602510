package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** T5 conventions and the public contract of the tokenizer, on the real T5 vocabulary. */
class SentencePieceTokenizerTest {

  private static final String TRANSLATE = "translate English to German: That is good.";

  private final SentencePieceTokenizer t5 = T5Vocab.tokenizer();

  @Test
  void specialIdsFollowT5() {
    assertEquals(0, t5.padId());
    assertEquals(1, t5.eosId());
    assertEquals(2, t5.unkId());
    assertEquals(-1, t5.bosId());
  }

  @Test
  void vocabSizeIncludesSentinels() {
    assertEquals(32_000, t5.model().size());
    assertEquals(32_100, t5.vocabSize());
    assertEquals(100, t5.sentinelCount());
  }

  @Test
  void sentinelsCountDownFromTop() {
    assertEquals(32_099, t5.sentinelId(0));
    assertEquals(32_000, t5.sentinelId(99));
    assertEquals("<extra_id_0>", t5.idToPiece(32_099));
    assertEquals("<extra_id_99>", t5.idToPiece(32_000));
    assertEquals(32_099, t5.pieceToId("<extra_id_0>"));
  }

  @Test
  void sentinelIndexOutOfRangeFails() {
    assertThrows(TokenizerErrors.UnknownIdException.class, () -> t5.sentinelId(100));
    assertThrows(TokenizerErrors.UnknownIdException.class, () -> t5.sentinelId(-1));
  }

  @Test
  void piecesAndIdsMapBothWays() {
    assertEquals("<pad>", t5.idToPiece(0));
    assertEquals("</s>", t5.idToPiece(1));
    assertEquals("<unk>", t5.idToPiece(2));
    assertEquals("\u2581", t5.idToPiece(3));
    assertEquals(13959, t5.pieceToId("\u2581translate"));
    assertEquals(2, t5.pieceToId("no such piece"));
    assertFalse(t5.hasPiece("no such piece"));
  }

  /**
   * The shipped spiece.model sets normalizer_spec.add_dummy_prefix to false, so spm_encode gives
   * "trans late" for the first word; the ids are those that spm_encode 0.1.97 prints.
   */
  @Test
  void translatePrefixMatchesSpmOnShippedModel() {
    assertArrayEquals(new int[] {7031, 5867, 1566, 12, 2968, 10, 466, 19, 207, 5},
        t5.encode(TRANSLATE));
  }

  /** With the dummy prefix that T5 was trained with, the ids are T5's: 13959 1566 12 .... */
  @Test
  void translatePrefixMatchesT5WithDummyPrefix() {
    SentencePieceTokenizer withPrefix = t5.withAddDummyPrefix(true);

    assertArrayEquals(new int[] {13959, 1566, 12, 2968, 10, 466, 19, 207, 5},
        withPrefix.encode(TRANSLATE));
    assertEquals(t5.sentinelId(0), withPrefix.sentinelId(0));
    assertEquals(t5.vocabSize(), withPrefix.vocabSize());
  }

  @Test
  void dummyPrefixSurvivesSerialization() throws Exception {
    SentencePieceTokenizer withPrefix = t5.withAddDummyPrefix(true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(withPrefix);
    }

    SentencePieceTokenizer copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SentencePieceTokenizer) in.readObject();
    }

    assertArrayEquals(withPrefix.encode(TRANSLATE), copy.encode(TRANSLATE));
  }

  @Test
  void dummyPrefixUnchangedReturnsSame() {
    assertSame(t5, t5.withAddDummyPrefix(false));
  }

  @Test
  void encodeAppendsNoEos() {
    int[] ids = t5.encode("Hello world.");
    assertTrue(ids[ids.length - 1] != t5.eosId());
  }

  @Test
  void emptyAndBlankTextGiveNoIds() {
    assertArrayEquals(new int[0], t5.encode(""));
    assertArrayEquals(new int[0], t5.encode(" \t  "));
  }

  @Test
  void decodeDropsControlIds() {
    assertEquals("That is good.", t5.decode(new int[] {0, 466, 19, 207, 5, 1, 0, 0}));
  }

  @Test
  void decodeShowsUnknownAsQuestionMarks() {
    assertEquals("a \u2047  b", t5.decode(new int[] {3, 9, 2, 3, 115}));
  }

  @Test
  void decodeShowsSentinelNames() {
    assertEquals("That<extra_id_0> good", t5.decode(new int[] {466, 32_099, 207}));
  }

  @Test
  void decodeRejectsIdOutOfRange() {
    assertThrows(TokenizerErrors.UnknownIdException.class, () -> t5.decode(new int[] {32_100}));
    assertThrows(TokenizerErrors.UnknownIdException.class, () -> t5.decode(new int[] {-1}));
  }

  @Test
  void unknownRunMergesIntoOneId() {
    assertArrayEquals(new int[] {2}, t5.encode("\u4f60\u597d\u4e16\u754c"));
    assertEquals(List.of("\u4f60\u597d\u4e16\u754c"),
        t5.encodeAsPieces("\u4f60\u597d\u4e16\u754c"));
  }

  @Test
  void loneSurrogateEncodesAsReplacementCharacter() {
    assertArrayEquals(t5.encode("a \uFFFD b"), t5.encode("a \uD800 b"));
  }

  @Test
  void normalizeAppliesNfkcAndEscapesSpaces() {
    assertEquals("ABC\u2581123", t5.normalize("  \uff21\uff22\uff23   \uff11\uff12\uff13 "));
  }

  @Test
  void loadFromStreamEqualsLoadFromPath() throws IOException {
    SentencePieceTokenizer fromStream;
    try (InputStream input = Files.newInputStream(T5Vocab.path())) {
      fromStream = SentencePieceTokenizer.load(input, T5Vocab.path().toString());
    }
    assertArrayEquals(t5.encode(TRANSLATE), fromStream.encode(TRANSLATE));
    assertEquals(t5.vocabSize(), fromStream.vocabSize());
  }

  @Test
  void javaSerializationRoundTrips() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream output = new ObjectOutputStream(bytes)) {
      output.writeObject(t5);
    }
    Tokenizer copy;
    try (ObjectInputStream input =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Tokenizer) input.readObject();
    }

    assertNotSame(t5, copy);
    assertArrayEquals(t5.encode(TRANSLATE), copy.encode(TRANSLATE));
    assertEquals(t5.vocabSize(), copy.vocabSize());
    assertTrue(bytes.size() < t5.modelBytes().length + 4096);
  }

  /** Spark broadcasts with Kryo when spark.serializer is KryoSerializer, bypassing writeReplace. */
  @Test
  void kryoSerializationRoundTrips() {
    SerializerInstance kryo = new KryoSerializer(new SparkConf(false)).newInstance();
    ClassTag<SentencePieceTokenizer> type = ClassTag$.MODULE$.apply(SentencePieceTokenizer.class);

    ByteBuffer bytes = kryo.serialize(t5, type);
    int size = bytes.remaining();
    SentencePieceTokenizer copy = kryo.deserialize(bytes, type);

    assertNotSame(t5, copy);
    assertArrayEquals(t5.encode(TRANSLATE), copy.encode(TRANSLATE));
    assertEquals(t5.decode(t5.encode(TRANSLATE)), copy.decode(t5.encode(TRANSLATE)));
    assertTrue(size < t5.modelBytes().length + 4096);
  }

  @Test
  void concurrentEncodingMatchesSequential() throws Exception {
    List<byte[]> lines = SpmFixture.load("corpus").inputs();
    List<int[]> expected = new ArrayList<>();
    for (byte[] line : lines) {
      expected.add(t5.encodeUtf8(line));
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        int offset = worker;
        results.add(pool.submit(() -> {
          int mismatches = 0;
          for (int round = 0; round < 3; round++) {
            for (int i = offset; i < lines.size(); i += 2) {
              if (!java.util.Arrays.equals(expected.get(i), t5.encodeUtf8(lines.get(i)))) {
                mismatches++;
              }
            }
          }
          return mismatches;
        }));
      }
      int mismatches = 0;
      for (Future<Integer> result : results) {
        mismatches += result.get();
      }
      assertEquals(0, mismatches);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void negativeExtraIdsFail() {
    assertThrows(IllegalArgumentException.class,
        () -> SentencePieceTokenizer.fromModel(t5.model(), -1));
  }
}
