package org.gqaspark.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SentencePiece unigram tokenizer that gives the same ids as the sentencepiece library
 * (checked against {@code spm_encode} 0.1.97 with T5's vocabulary): normalisation by the model's
 * precompiled charsmap and whitespace rules, Viterbi segmentation, runs of unknown characters
 * merged into one unknown id, byte fallback for models trained with it, and the library's
 * decoding.
 *
 * <p>T5 conventions: pad is 0, EOS is 1, unknown is 2, and 100 sentinel ids follow the 32,000
 * pieces of T5's {@code spiece.model}, counting down: {@code <extra_id_0>} is 32099. Encoding
 * never appends EOS and never produces sentinels from text; callers add them as ids.
 *
 * <p>Immutable and thread-safe. Serialization (Java's, and Kryo's field serializer) carries only
 * the model bytes, and the receiving side rebuilds the tries on first use, so a Spark job can
 * broadcast one instance to its executors.
 */
public final class SentencePieceTokenizer implements Tokenizer {

  /** Sentinel ids that T5 appends to its vocabulary. */
  public static final int T5_SENTINEL_COUNT = 100;

  /** The serialized model: the only state that serialization needs to carry. */
  private final byte[] modelBytes;
  private final int extraIds;
  private final String source;
  /**
   * Tries and tables built from the model. Transient, and rebuilt on first use after
   * deserialization, so that serializers that skip writeReplace (Kryo's field serializer,
   * which Spark broadcasts use when spark.serializer is Kryo) also work.
   */
  private transient volatile Engine engine;

  private SentencePieceTokenizer(byte[] modelBytes, SentencePieceModel model, int extraIds,
      String source) {
    this.modelBytes = modelBytes;
    this.extraIds = extraIds;
    this.source = source;
    this.engine = new Engine(model, extraIds, source);
  }

  private Engine engine() {
    Engine current = engine;
    if (current == null) {
      synchronized (this) {
        current = engine;
        if (current == null) {
          current = new Engine(SentencePieceModel.parse(modelBytes, source), extraIds, source);
          engine = current;
        }
      }
    }
    return current;
  }

  /** Everything that encoding and decoding read, derived from the model. Immutable. */
  private static final class Engine {
    final SentencePieceModel model;
    final Normalizer normalizer;
    final UnigramSegmenter segmenter;
    final PieceDecoder decoder;
    final Map<String, Integer> idsByPiece;
    /** Id of the piece {@code <0xXX>} for each byte when the model has byte fallback, else null. */
    final int[] byteIds;
    final int unkId;
    final int padId;
    final int eosId;
    final int bosId;
    final int sentinelCount;

    Engine(SentencePieceModel model, int extraIds, String source) {
      if (extraIds < 0) {
        throw TokenizerErrors.invalidExtraIds(extraIds);
      }
      if (model.trainerSpec().modelType() != TrainerSpec.MODEL_TYPE_UNIGRAM) {
        throw TokenizerErrors.unsupportedModelType(source, model.trainerSpec().modelType());
      }
      this.model = model;

      VocabularyIndex index = VocabularyIndex.build(model, source);
      this.idsByPiece = withSentinelNames(index.idsByPiece(), model.size(), extraIds);
      this.unkId = index.unknownId();
      this.byteIds = model.trainerSpec().byteFallback() ? index.byteIds() : null;
      this.normalizer = new Normalizer(model.normalizerSpec(),
          model.trainerSpec().treatWhitespaceAsSuffix(), index.userDefinedTrie(), source);
      this.segmenter = new UnigramSegmenter(index.pieceTrie(), model, unkId);
      this.decoder = new PieceDecoder(model, extraIds, index.byteValues(), source);

      TrainerSpec spec = model.trainerSpec();
      this.padId = reservedId(spec.padPiece(), PieceType.CONTROL);
      this.eosId = reservedId(spec.eosPiece(), PieceType.CONTROL);
      this.bosId = reservedId(spec.bosPiece(), PieceType.CONTROL);
      this.sentinelCount = extraIds > 0 ? extraIds : countSentinelPieces();
    }

    private int reservedId(String piece, PieceType expected) {
      Integer id = idsByPiece.get(piece);
      return id != null && id < model.size() && model.type(id) == expected ? id : -1;
    }

    private int countSentinelPieces() {
      int count = 0;
      while (idsByPiece.containsKey(sentinelName(count))) {
        count++;
      }
      return count;
    }
  }

  /**
   * Loads a model file with T5's conventions: when the model has no {@code <extra_id_0>}
   * piece, {@value #T5_SENTINEL_COUNT} sentinel ids are appended after its pieces.
   *
   * @throws IOException when the file cannot be read
   * @throws TokenizerErrors.InvalidModelException when it is not a valid unigram model
   */
  public static SentencePieceTokenizer load(Path path) throws IOException {
    return fromBytes(Files.readAllBytes(path), path.toString());
  }

  /** Loads a model file and appends {@code extraIds} sentinel ids after its pieces. */
  public static SentencePieceTokenizer load(Path path, int extraIds) throws IOException {
    return fromBytes(Files.readAllBytes(path), path.toString(), extraIds);
  }

  /**
   * Reads a model from a stream (an s3a file opened through Hadoop's FileSystem, say) with T5's
   * conventions; the caller closes the stream.
   *
   * @param source the path or URI, for error messages
   */
  public static SentencePieceTokenizer load(InputStream input, String source) throws IOException {
    return fromBytes(input.readAllBytes(), source);
  }

  /** Builds a tokenizer from serialized ModelProto bytes with T5's conventions. */
  public static SentencePieceTokenizer fromBytes(byte[] modelBytes, String source) {
    SentencePieceModel model = SentencePieceModel.parse(modelBytes, source);
    int extraIds = hasPiece(model, sentinelName(0)) ? 0 : T5_SENTINEL_COUNT;
    return new SentencePieceTokenizer(modelBytes.clone(), model, extraIds, source);
  }

  /** Builds a tokenizer from ModelProto bytes and appends {@code extraIds} sentinel ids. */
  public static SentencePieceTokenizer fromBytes(byte[] modelBytes, String source, int extraIds) {
    SentencePieceModel model = SentencePieceModel.parse(modelBytes, source);
    return new SentencePieceTokenizer(modelBytes.clone(), model, extraIds, source);
  }

  /** Builds a tokenizer from a model in memory, appending {@code extraIds} sentinel ids. */
  public static SentencePieceTokenizer fromModel(SentencePieceModel model, int extraIds) {
    return new SentencePieceTokenizer(model.toByteArray(), model, extraIds, "(in memory)");
  }

  /**
   * Returns this tokenizer with the model's {@code add_dummy_prefix} normalizer flag set,
   * keeping the sentinel ids. T5 was trained with the flag on, so a text's first word gets
   * the same piece as elsewhere ("▁translate", 13959). Some copies of T5's
   * {@code spiece.model} have it off because Hugging Face's T5Tokenizer (transformers 4.33 and
   * later, non-legacy mode) turns it off and adds the prefix itself, and with such a file
   * {@code spm_encode} splits the first word differently ("trans", "late"). Returns this
   * tokenizer when the flag already has that value.
   */
  public SentencePieceTokenizer withAddDummyPrefix(boolean addDummyPrefix) {
    SentencePieceModel model = model();
    if (model.normalizerSpec().addDummyPrefix() == addDummyPrefix) {
      return this;
    }
    SentencePieceModel changed =
        model.withNormalizerSpec(model.normalizerSpec().withAddDummyPrefix(addDummyPrefix));
    return new SentencePieceTokenizer(changed.toByteArray(), changed, extraIds, source);
  }

  /** Returns the sentinel piece name for index n: {@code <extra_id_n>}. */
  public static String sentinelName(int index) {
    return "<extra_id_" + index + ">";
  }

  @Override
  public int[] encode(String text) {
    return encodeUtf8(Utf8.encode(text));
  }

  /**
   * Encodes UTF-8 bytes exactly as the library would, invalid sequences included: each byte that
   * starts no well-formed character is read as U+FFFD.
   */
  public int[] encodeUtf8(byte[] utf8) {
    Engine engine = engine();
    byte[] normalized = engine.normalizer.normalize(utf8);
    UnigramSegmenter.Segmentation segmentation = engine.segmenter.segment(normalized);
    int[] ids = new int[outputLength(engine, segmentation)];
    int count = 0;
    boolean previousUnknown = false;
    for (int k = 0; k < segmentation.count(); k++) {
      int id = segmentation.ids()[k];
      boolean unknown = id == engine.unkId;
      if (unknown && engine.byteIds != null) {
        for (int i = segmentation.starts()[k]; i < segmentation.starts()[k + 1]; i++) {
          ids[count++] = engine.byteIds[normalized[i] & 0xFF];
        }
      } else if (!(unknown && previousUnknown)) {
        ids[count++] = id;
      }
      previousUnknown = unknown;
    }
    return ids;
  }

  /** Returns the number of ids that {@link #encodeUtf8} emits for a segmentation. */
  private static int outputLength(Engine engine, UnigramSegmenter.Segmentation segmentation) {
    int count = 0;
    boolean previousUnknown = false;
    for (int k = 0; k < segmentation.count(); k++) {
      boolean unknown = segmentation.ids()[k] == engine.unkId;
      if (unknown && engine.byteIds != null) {
        count += segmentation.starts()[k + 1] - segmentation.starts()[k];
      } else if (!(unknown && previousUnknown)) {
        count++;
      }
      previousUnknown = unknown;
    }
    return count;
  }

  /**
   * Encodes text to piece strings, as {@code spm_encode --output_format=piece} prints them: a
   * run of unknown characters is one piece of those (normalised) characters, and under byte
   * fallback unknown characters become {@code <0xXX>} pieces.
   */
  public List<String> encodeAsPieces(String text) {
    Engine engine = engine();
    byte[] normalized = engine.normalizer.normalize(Utf8.encode(text));
    UnigramSegmenter.Segmentation segmentation = engine.segmenter.segment(normalized);
    List<String> pieces = new ArrayList<>(segmentation.count());
    boolean previousUnknown = false;
    for (int k = 0; k < segmentation.count(); k++) {
      int start = segmentation.starts()[k];
      int end = segmentation.starts()[k + 1];
      boolean unknown = segmentation.ids()[k] == engine.unkId;
      if (unknown && engine.byteIds != null) {
        for (int i = start; i < end; i++) {
          pieces.add(engine.model.pieceText(engine.byteIds[normalized[i] & 0xFF]));
        }
      } else {
        String piece = new String(normalized, start, end - start, StandardCharsets.UTF_8);
        if (unknown && previousUnknown) {
          pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + piece);
        } else {
          pieces.add(piece);
        }
      }
      previousUnknown = unknown;
    }
    return pieces;
  }

  /** Returns the normalised text that the segmenter receives, with spaces as U+2581. */
  public String normalize(String text) {
    return engine().normalizer.normalize(text);
  }

  @Override
  public String decode(int[] ids) {
    return engine().decoder.decode(ids);
  }

  /**
   * Returns the id of a piece, or the unknown id when the vocabulary has no such piece (as the
   * library's {@code PieceToId}); see {@link #hasPiece}.
   */
  public int pieceToId(String piece) {
    Engine engine = engine();
    Integer id = engine.idsByPiece.get(piece);
    return id == null ? engine.unkId : id;
  }

  public boolean hasPiece(String piece) {
    return engine().idsByPiece.containsKey(piece);
  }

  /** Returns the piece string of an id; T5 sentinel ids give {@code <extra_id_N>}. */
  public String idToPiece(int id) {
    if (id < 0 || id >= vocabSize()) {
      throw TokenizerErrors.idOutOfRange(id, vocabSize());
    }
    SentencePieceModel model = engine().model;
    return id < model.size() ? model.pieceText(id) : sentinelName(vocabSize() - 1 - id);
  }

  /**
   * Returns the id of sentinel {@code <extra_id_index>}. With T5's appended sentinels that is
   * {@code vocabSize() - 1 - index}; a model that has sentinel pieces of its own uses theirs.
   */
  public int sentinelId(int index) {
    Engine engine = engine();
    if (index < 0 || index >= engine.sentinelCount) {
      throw TokenizerErrors.sentinelOutOfRange(index, engine.sentinelCount);
    }
    return extraIds > 0 ? vocabSize() - 1 - index : engine.idsByPiece.get(sentinelName(index));
  }

  public int sentinelCount() {
    return engine().sentinelCount;
  }

  @Override
  public int vocabSize() {
    return engine().model.size() + extraIds;
  }

  @Override
  public int padId() {
    return engine().padId;
  }

  @Override
  public int eosId() {
    return engine().eosId;
  }

  @Override
  public int unkId() {
    return engine().unkId;
  }

  /** Returns the id of the beginning-of-sentence piece, or -1 (as in T5) when there is none. */
  public int bosId() {
    return engine().bosId;
  }

  /** Returns the parsed model, e.g. to inspect its specs or re-write it. */
  public SentencePieceModel model() {
    return engine().model;
  }

  /** Returns the serialized model that this tokenizer was built from. */
  public byte[] modelBytes() {
    return modelBytes.clone();
  }

  /** Adds the names of appended sentinel ids, so that pieceToId("<extra_id_0>") finds them. */
  private static Map<String, Integer> withSentinelNames(Map<String, Integer> idsByPiece,
      int pieceCount, int extraIds) {
    if (extraIds == 0) {
      return idsByPiece;
    }
    Map<String, Integer> all = new HashMap<>(idsByPiece);
    for (int index = 0; index < extraIds; index++) {
      all.putIfAbsent(sentinelName(index), pieceCount + extraIds - 1 - index);
    }
    return Map.copyOf(all);
  }

  private static boolean hasPiece(SentencePieceModel model, String piece) {
    for (int id = 0; id < model.size(); id++) {
      if (model.pieceText(id).equals(piece)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "SentencePieceTokenizer[" + source + ", " + vocabSize() + " ids, normalizer "
        + model().normalizerSpec().name() + "]";
  }

  private Object writeReplace() {
    return new SerializedForm(modelBytes, extraIds, source);
  }

  private void readObject(ObjectInputStream stream) throws InvalidObjectException {
    throw new InvalidObjectException("SentencePieceTokenizer is serialized as its model bytes");
  }

  /** Serialized form: the model bytes, from which the tries are rebuilt. */
  private record SerializedForm(byte[] modelBytes, int extraIds, String source)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      return new SentencePieceTokenizer(modelBytes,
          SentencePieceModel.parse(modelBytes, source), extraIds, source);
    }
  }

  /** Lookup structures derived from the pieces, checked as the library checks them on load. */
  private record VocabularyIndex(Map<String, Integer> idsByPiece, ByteTrie pieceTrie,
      ByteTrie userDefinedTrie, int unknownId, int[] byteIds, byte[] byteValues) {

    static VocabularyIndex build(SentencePieceModel model, String source) {
      int size = model.size();
      Map<String, Integer> reserved = new HashMap<>();
      Map<String, Integer> segmentable = new HashMap<>();
      List<byte[]> trieKeys = new ArrayList<>();
      List<Integer> trieValues = new ArrayList<>();
      List<byte[]> userDefinedKeys = new ArrayList<>();
      int unknownId = -1;
      int[] byteIds = new int[256];
      java.util.Arrays.fill(byteIds, -1);
      byte[] byteValues = new byte[size];
      boolean byteFallback = model.trainerSpec().byteFallback();

      for (int id = 0; id < size; id++) {
        String piece = model.pieceText(id);
        PieceType type = model.type(id);
        if (piece.isEmpty()) {
          throw TokenizerErrors.invalidModel(source, "piece " + id + " is empty.");
        }
        boolean segmentablePiece = type == PieceType.NORMAL || type == PieceType.USER_DEFINED
            || type == PieceType.UNUSED;
        Map<String, Integer> target = segmentablePiece ? segmentable : reserved;
        if (target.putIfAbsent(piece, id) != null) {
          throw TokenizerErrors.invalidModel(source, "piece " + id + " \"" + piece
              + "\" is already defined as id " + target.get(piece) + ".");
        }
        if (segmentablePiece) {
          trieKeys.add(model.pieceUtf8(id));
          trieValues.add(id);
        }
        if (type == PieceType.USER_DEFINED) {
          userDefinedKeys.add(model.pieceUtf8(id));
        }
        if (type == PieceType.UNKNOWN) {
          if (unknownId >= 0) {
            throw TokenizerErrors.invalidModel(source, "pieces " + unknownId + " and " + id
                + " are both of type UNKNOWN; a model has exactly one.");
          }
          unknownId = id;
        }
        if (type == PieceType.BYTE) {
          int value = byteValue(piece);
          if (!byteFallback) {
            throw TokenizerErrors.invalidModel(source, "byte piece " + piece + " (id " + id
                + ") is present although trainer_spec.byte_fallback is false.");
          }
          if (value < 0) {
            throw TokenizerErrors.invalidModel(source, "byte piece \"" + piece + "\" (id " + id
                + ") is not of the form <0xXX>.");
          }
          byteIds[value] = id;
          byteValues[id] = (byte) value;
        }
      }

      if (unknownId < 0) {
        throw TokenizerErrors.invalidModel(source, "no piece has type UNKNOWN.");
      }
      if (byteFallback) {
        for (int value = 0; value < 256; value++) {
          if (byteIds[value] < 0) {
            throw TokenizerErrors.invalidModel(source, String.format("byte_fallback is true but"
                + " the byte piece <0x%02X> is missing; all 256 must be present.", value));
          }
        }
      }
      if (trieKeys.isEmpty()) {
        throw TokenizerErrors.invalidModel(source, "it has no normal pieces.");
      }

      Map<String, Integer> idsByPiece = new HashMap<>(segmentable);
      idsByPiece.putAll(reserved);
      int[] values = trieValues.stream().mapToInt(Integer::intValue).toArray();
      ByteTrie pieceTrie = ByteTrie.build(trieKeys.toArray(new byte[0][]), values);
      ByteTrie userDefinedTrie = userDefinedKeys.isEmpty() ? null
          : ByteTrie.build(userDefinedKeys.toArray(new byte[0][]), new int[userDefinedKeys.size()]);
      return new VocabularyIndex(Map.copyOf(idsByPiece), pieceTrie, userDefinedTrie, unknownId,
          byteIds, byteValues);
    }

    /** Returns the byte of a piece {@code <0xXX>} with upper-case hex digits, or -1. */
    private static int byteValue(String piece) {
      if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
        return -1;
      }
      int high = Character.digit(piece.charAt(3), 16);
      int low = Character.digit(piece.charAt(4), 16);
      boolean upperCase = piece.substring(3, 5).equals(piece.substring(3, 5).toUpperCase());
      return high < 0 || low < 0 || !upperCase ? -1 : high * 16 + low;
    }
  }
}
