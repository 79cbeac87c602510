package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SentencePiece {@code ModelProto} ({@code spiece.model}): the pieces with their scores and
 * types, the trainer spec and the normaliser spec. Reads and writes the protobuf wire format
 * itself. Fields that this class does not model (self-test data, extensions, fields of newer
 * library versions) are kept and written back, so an unchanged model is rewritten byte for byte.
 * Immutable.
 */
public final class SentencePieceModel {

  private static final int PIECES = 1;
  private static final int TRAINER_SPEC = 2;
  private static final int NORMALIZER_SPEC = 3;
  private static final int DENORMALIZER_SPEC = 5;

  private static final int PIECE_TEXT = 1;
  private static final int PIECE_SCORE = 2;
  private static final int PIECE_TYPE = 3;

  /** Bits of {@link #presence}: which optional fields of a piece the file contained. */
  private static final byte HAS_SCORE = 1;
  private static final byte HAS_TYPE = 2;

  /** One vocabulary entry. */
  public record Piece(String text, float score, PieceType type) {}

  private final String[] texts;
  private final float[] scores;
  private final PieceType[] types;
  private final byte[] presence;
  /** Raw unknown fields inside each piece message; null entries where there are none. */
  private final byte[][] pieceExtras;
  private final TrainerSpec trainerSpec;
  private final NormalizerSpec normalizerSpec;
  /** Null when the model has no denormalizer. */
  private final NormalizerSpec denormalizerSpec;
  /** Top-level fields other than pieces and the three specs, in file order. */
  private final ProtoFields otherFields;

  private SentencePieceModel(String[] texts, float[] scores, PieceType[] types, byte[] presence,
      byte[][] pieceExtras, TrainerSpec trainerSpec, NormalizerSpec normalizerSpec,
      NormalizerSpec denormalizerSpec, ProtoFields otherFields) {
    this.texts = texts;
    this.scores = scores;
    this.types = types;
    this.presence = presence;
    this.pieceExtras = pieceExtras;
    this.trainerSpec = trainerSpec;
    this.normalizerSpec = normalizerSpec;
    this.denormalizerSpec = denormalizerSpec;
    this.otherFields = otherFields;
  }

  /**
   * Returns a model with the given pieces and specs; every piece is written with its score and
   * type.
   */
  public static SentencePieceModel of(List<Piece> pieces, TrainerSpec trainerSpec,
      NormalizerSpec normalizerSpec) {
    int size = pieces.size();
    String[] texts = new String[size];
    float[] scores = new float[size];
    PieceType[] types = new PieceType[size];
    byte[] presence = new byte[size];
    for (int i = 0; i < size; i++) {
      Piece piece = pieces.get(i);
      texts[i] = piece.text();
      scores[i] = piece.score();
      types[i] = piece.type();
      presence[i] = HAS_SCORE | HAS_TYPE;
    }
    return new SentencePieceModel(texts, scores, types, presence, new byte[size][],
        trainerSpec, normalizerSpec, null, ProtoFields.EMPTY);
  }

  /**
   * Parses a serialized ModelProto.
   *
   * @param source the file or URI the bytes came from, for error messages
   * @throws TokenizerErrors.InvalidModelException when the bytes are not a valid ModelProto
   */
  public static SentencePieceModel parse(byte[] bytes, String source) {
    ProtoReader reader = new ProtoReader(source, bytes);
    List<String> texts = new ArrayList<>();
    FloatList scores = new FloatList();
    List<PieceType> types = new ArrayList<>();
    ByteList presence = new ByteList();
    List<byte[]> extras = new ArrayList<>();
    ProtoFields trainer = ProtoFields.EMPTY;
    ProtoFields normalizer = ProtoFields.EMPTY;
    ProtoFields denormalizer = null;
    ProtoFields other = ProtoFields.EMPTY;

    while (reader.hasMore()) {
      int start = reader.position();
      int tag = reader.readTag();
      int number = tag >>> 3;
      boolean message = (tag & 7) == ProtoReader.LENGTH_DELIMITED;
      if (message && number == PIECES) {
        int pieceStart = reader.position();
        readPiece(reader.readMessage(), pieceStart, source, texts, scores, types, presence, extras);
      } else if (message && number == TRAINER_SPEC) {
        trainer = trainer.concat(ProtoFields.read(reader.readMessage()));
      } else if (message && number == NORMALIZER_SPEC) {
        normalizer = normalizer.concat(ProtoFields.read(reader.readMessage()));
      } else if (message && number == DENORMALIZER_SPEC) {
        ProtoFields fields = ProtoFields.read(reader.readMessage());
        denormalizer = denormalizer == null ? fields : denormalizer.concat(fields);
      } else {
        reader.skipValue(tag & 7);
        other = other.concat(ProtoFields.read(
            new ProtoReader(source, reader.bytesSince(start))));
      }
    }

    int size = texts.size();
    return new SentencePieceModel(texts.toArray(new String[0]), scores.toArray(),
        types.toArray(new PieceType[0]), presence.toArray(), extras.toArray(new byte[size][]),
        new TrainerSpec(trainer), new NormalizerSpec(normalizer),
        denormalizer == null ? null : new NormalizerSpec(denormalizer), other);
  }

  private static void readPiece(ProtoReader reader, int offset, String source, List<String> texts,
      FloatList scores, List<PieceType> types, ByteList presence, List<byte[]> extras) {
    String text = "";
    float score = 0f;
    PieceType type = PieceType.NORMAL;
    byte present = 0;
    ProtoWriter unknown = null;
    while (reader.hasMore()) {
      int start = reader.position();
      int tag = reader.readTag();
      int number = tag >>> 3;
      int wireType = tag & 7;
      if (number == PIECE_TEXT && wireType == ProtoReader.LENGTH_DELIMITED) {
        text = reader.readString();
      } else if (number == PIECE_SCORE && wireType == ProtoReader.FIXED32) {
        score = reader.readFloat();
        present |= HAS_SCORE;
      } else if (number == PIECE_TYPE && wireType == ProtoReader.VARINT) {
        long value = reader.readVarint();
        type = PieceType.ofNumber(value);
        if (type == null) {
          throw TokenizerErrors.malformedProtobuf(source, offset,
              "piece " + texts.size() + " has type " + value + ", which is not one of 1..6");
        }
        present |= HAS_TYPE;
      } else {
        reader.skipValue(wireType);
        if (unknown == null) {
          unknown = new ProtoWriter(16);
        }
        unknown.writeRaw(reader.bytesSince(start));
      }
    }
    texts.add(text);
    scores.add(score);
    types.add(type);
    presence.add(present);
    extras.add(unknown == null ? null : unknown.toByteArray());
  }

  /** Serializes the model in the field order that the C++ library writes. */
  public byte[] toByteArray() {
    ProtoWriter writer = new ProtoWriter(64 + texts.length * 24);
    for (int i = 0; i < texts.length; i++) {
      byte[] piece = pieceBytes(i);
      writer.writeTag(PIECES, ProtoReader.LENGTH_DELIMITED);
      writer.writeVarint(piece.length);
      writer.writeRaw(piece);
    }
    writer.writeBytesField(TRAINER_SPEC, trainerSpec.fields().toByteArray());
    writer.writeBytesField(NORMALIZER_SPEC, normalizerSpec.fields().toByteArray());
    if (denormalizerSpec != null) {
      writer.writeBytesField(DENORMALIZER_SPEC, denormalizerSpec.fields().toByteArray());
    }
    otherFields.writeTo(writer);
    return writer.toByteArray();
  }

  private byte[] pieceBytes(int index) {
    ProtoWriter writer = new ProtoWriter(texts[index].length() + 12);
    writer.writeStringField(PIECE_TEXT, texts[index]);
    if ((presence[index] & HAS_SCORE) != 0) {
      writer.writeFloatField(PIECE_SCORE, scores[index]);
    }
    if ((presence[index] & HAS_TYPE) != 0) {
      writer.writeVarintField(PIECE_TYPE, types[index].number());
    }
    if (pieceExtras[index] != null) {
      writer.writeRaw(pieceExtras[index]);
    }
    return writer.toByteArray();
  }

  /** Returns the number of pieces in the file (T5's sentinel ids are not pieces of its file). */
  public int size() {
    return texts.length;
  }

  public Piece piece(int id) {
    return new Piece(texts[id], scores[id], types[id]);
  }

  public String pieceText(int id) {
    return texts[id];
  }

  public float score(int id) {
    return scores[id];
  }

  public PieceType type(int id) {
    return types[id];
  }

  byte[] pieceUtf8(int id) {
    return texts[id].getBytes(StandardCharsets.UTF_8);
  }

  public TrainerSpec trainerSpec() {
    return trainerSpec;
  }

  public NormalizerSpec normalizerSpec() {
    return normalizerSpec;
  }

  /** Returns the denormalizer spec, or null when the model has none. */
  public NormalizerSpec denormalizerSpec() {
    return denormalizerSpec;
  }

  /** Returns a copy with another normaliser spec, e.g. to switch T5's dummy prefix on or off. */
  public SentencePieceModel withNormalizerSpec(NormalizerSpec spec) {
    return new SentencePieceModel(texts, scores, types, presence, pieceExtras, trainerSpec, spec,
        denormalizerSpec, otherFields);
  }

  /** Growable float array for parsing, so that 32,000 scores are not boxed. */
  private static final class FloatList {
    private float[] values = new float[1024];
    private int size;

    void add(float value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    float[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  private static final class ByteList {
    private byte[] values = new byte[1024];
    private int size;

    void add(byte value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    byte[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
