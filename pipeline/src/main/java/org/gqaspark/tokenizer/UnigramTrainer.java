package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.gqaspark.tokenizer.TrainingPieces.ScoredPiece;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Trains a SentencePiece unigram vocabulary with T5's layout and writes it as a model that the
 * sentencepiece library loads: pad 0, EOS 1, unknown 2, the learnt pieces by descending score,
 * then the optional sentinels with {@code <extra_id_0>} as the last id.
 *
 * <p>Steps: Spark normalises the corpus and counts words, characters and substrings; the driver
 * picks the required characters (character coverage), seeds EM with them and the substrings
 * with the highest {@code occurrences * length}, then alternates EM rounds and pruning, as the
 * sentencepiece trainer does, until 110% of the target size remains, and keeps the
 * best-scoring pieces plus every required character.
 *
 * <p>Normalisation: the trainer needs a normalisation source, because the library has no Java
 * code to compile rules such as nmt_nfkc. Pass the {@link NormalizerSpec} of an existing model
 * (T5's {@code spiece.model} carries nmt_nfkc) and its name and precompiled charsmap are copied
 * into the new model. Without one, pass {@code NormalizerSpec.of(NormalizerSpec.IDENTITY, new
 * byte[0])}: text is then only split and trimmed at whitespace, not Unicode-normalised, so
 * full-width or decomposed characters stay distinct pieces.
 */
public final class UnigramTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(UnigramTrainer.class);

  /** Score step that keeps required characters that EM dropped apart, as in the library. */
  private static final float REQUIRED_PENALTY_STEP = 0.0001f;

  /** EM stops pruning at this multiple of the target size, as in the library. */
  private static final double DESIRED_SIZE_FACTOR = 1.1;

  private UnigramTrainer() {}

  /**
   * Trains a vocabulary on lines of text.
   *
   * @param lines the corpus, one sentence or paragraph per element
   * @param normalization the normaliser whose name and charsmap the new model uses
   * @param options sizes and rules
   * @param inputs the corpus paths, recorded in the model's trainer spec
   * @throws TokenizerErrors.TrainingFailedException when the corpus is empty or cannot fill the
   *     vocabulary
   */
  public static SentencePieceModel train(Dataset<String> lines, NormalizerSpec normalization,
      UnigramTrainerOptions options, List<String> inputs) {
    long started = System.nanoTime();
    NormalizerSpec spec = NormalizerSpec.of(normalization.name(),
        normalization.precompiledCharsmap()).withAddDummyPrefix(options.addDummyPrefix());
    LOG.info("Training a unigram vocabulary: {}, normalizer {} ({} charsmap bytes), inputs {}",
        options, spec.name(), spec.precompiledCharsmap().length, inputs);

    List<String> specialPieces = new ArrayList<>(List.of("<pad>", "</s>", "<unk>"));
    for (int index = 0; index < options.sentinelCount(); index++) {
      specialPieces.add(SentencePieceTokenizer.sentinelName(index));
    }
    CorpusCounter.WordCounts counts = CorpusCounter.countWords(lines, spec, specialPieces,
        options.maxSentenceBytes());
    try {
      return trainOnCounts(counts, spec, options, inputs, started);
    } finally {
      counts.words().unpersist(false);
    }
  }

  private static SentencePieceModel trainOnCounts(CorpusCounter.WordCounts counts,
      NormalizerSpec spec, UnigramTrainerOptions options, List<String> inputs, long started) {
    long distinctWords = counts.words().count();
    LOG.info("Counted {} distinct words in {} lines ({} too long, {} with U+2585, {} empty) in"
        + " {} s", distinctWords, counts.lines(), counts.tooLong(), counts.withUnknownMarker(),
        counts.empty(), formatSeconds(started));
    if (distinctWords == 0) {
      throw TokenizerErrors.emptyCorpus(counts.lines(), counts.skipped());
    }

    Map<Integer, Long> characterCounts = CorpusCounter.countCharacters(counts.words());
    LinkedHashMap<Integer, Long> required = requiredCharacters(characterCounts,
        options.requiredChars(), options.characterCoverage());
    int fixed = UnigramTrainerOptions.SPECIAL_PIECES + options.sentinelCount();
    if (fixed + required.size() > options.vocabSize()) {
      throw TokenizerErrors.vocabularyTooSmall(options.vocabSize(), fixed + required.size());
    }

    PieceRules rules = new PieceRules(options);
    int[] requiredArray = required.keySet().stream().mapToInt(Integer::intValue).toArray();
    List<Tuple2<String, Long>> substrings = CorpusCounter.frequentSubstrings(counts.words(),
        requiredArray, rules, options.seedSize() - required.size());
    List<ScoredPiece> seeds = seedPieces(required, substrings);
    LOG.info("Seeded EM with {} pieces: {} characters and {} frequent substrings ({} s)",
        seeds.size(), seeds.size() - substrings.size(), substrings.size(), formatSeconds(started));

    Corpus corpus = collectWords(counts, required.keySet());
    LOG.info("Collected {} distinct words ({} occurrences) for EM on the driver ({} s)",
        corpus.words().length, corpus.total(), formatSeconds(started));

    List<ScoredPiece> pieces;
    try (UnigramEm em = new UnigramEm(corpus.words(), corpus.counts(), options.threads())) {
      pieces = runEm(em, seeds, options, started);
    }

    List<ScoredPiece> learnt = finalPieces(pieces, required, options.learntPieces());
    if (learnt.size() < options.learntPieces()) {
      throw TokenizerErrors.vocabularyTooLarge(options.vocabSize(), fixed + learnt.size());
    }
    SentencePieceModel model = buildModel(learnt, spec, options, inputs);
    SentencePieceTokenizer.fromModel(model, 0);
    LOG.info("Trained {} pieces ({} learnt) in {} s", model.size(), learnt.size(),
        formatSeconds(started));
    return model;
  }

  /** Alternates EM rounds and pruning until the vocabulary is near the desired size. */
  private static List<ScoredPiece> runEm(UnigramEm em, List<ScoredPiece> seeds,
      UnigramTrainerOptions options, long started) {
    int desired = (int) (options.learntPieces() * DESIRED_SIZE_FACTOR);
    TrainingPieces model = new TrainingPieces(seeds);
    for (int round = 1; ; round++) {
      long roundStarted = System.nanoTime();
      for (int iteration = 1; iteration <= options.subIterations(); iteration++) {
        long stepStarted = System.nanoTime();
        UnigramEm.Expectation expectation = em.expectation(model);
        List<ScoredPiece> updated = UnigramEm.maximization(model, expectation.expected());
        if (updated.isEmpty()) {
          throw TokenizerErrors.vocabularyTooLarge(options.vocabSize(), 0);
        }
        model = new TrainingPieces(updated);
        double stepSeconds = seconds(stepStarted);
        LOG.info("EM round {} iteration {}: {} pieces, loss {}, {} tokens ({} per piece),"
            + " {} words/s", round, iteration, model.size(),
            String.format("%.4f", expectation.loss()), expectation.tokens(),
            String.format("%.1f", (double) expectation.tokens() / model.size()),
            String.format("%.0f", em.wordCount() / Math.max(stepSeconds, 1e-9)));
      }
      if (model.size() <= desired) {
        return piecesOf(model);
      }

      int before = model.size();
      model = new TrainingPieces(em.prune(model, desired, options.shrinkingFactor()));
      double roundSeconds = seconds(roundStarted);
      int roundsLeft = (int) Math.ceil(Math.log((double) desired / model.size())
          / Math.log(options.shrinkingFactor()));
      LOG.info("Pruned {} to {} pieces (target {}); round took {} s, about {} rounds and {} s"
          + " left, {} s so far", before, model.size(), desired,
          String.format("%.1f", roundSeconds), Math.max(roundsLeft, 0),
          String.format("%.0f", Math.max(roundsLeft, 0) * roundSeconds),
          formatSeconds(started));
      if (model.size() >= before) {
        LOG.warn("Pruning kept all {} pieces because none has an alternative segmentation;"
            + " stopping EM above the target size", before);
        return piecesOf(model);
      }
    }
  }

  /**
   * Returns the characters that must be single-character pieces, most important first: the
   * requested ones, then the most frequent until {@code coverage} of all character occurrences
   * is reached (the library's rule; the character crossing the threshold is included).
   */
  static LinkedHashMap<Integer, Long> requiredCharacters(Map<Integer, Long> counts,
      String requested, float coverage) {
    Map<Integer, Long> all = new HashMap<>(counts);
    Set<Integer> requestedCodePoints = new HashSet<>();
    requested.codePoints().forEach(requestedCodePoints::add);
    for (int c : requestedCodePoints) {
      all.putIfAbsent(c, 0L);
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();

    List<Integer> order = new ArrayList<>(all.keySet());
    order.sort(Comparator.<Integer, Boolean>comparing(c -> !requestedCodePoints.contains(c))
        .thenComparing(c -> -all.get(c))
        .thenComparing(c -> c));
    LinkedHashMap<Integer, Long> required = new LinkedHashMap<>();
    long accumulated = 0;
    for (int c : order) {
      // The library compares in float: 0.8f covers 80% exactly.
      if (total > 0 && (float) ((double) accumulated / total) >= coverage) {
        break;
      }
      accumulated += all.get(c);
      if (c == '\t' || c == PieceRules.UNKNOWN_MARKER || c == ' ' || c == 0) {
        continue;
      }
      required.put(c, all.get(c));
    }
    return required;
  }

  /**
   * Returns the EM seeds with log probabilities: each required character scored by its count,
   * each substring by {@code occurrences * length}, normalised together.
   */
  static List<ScoredPiece> seedPieces(Map<Integer, Long> required,
      List<Tuple2<String, Long>> substrings) {
    Map<String, Long> values = new LinkedHashMap<>();
    required.forEach((c, count) -> {
      if (count > 0) {
        values.put(new String(Character.toChars(c)), count);
      }
    });
    for (Tuple2<String, Long> substring : substrings) {
      values.put(substring._1(), substring._2());
    }
    double logTotal = Math.log(values.values().stream().mapToDouble(Long::doubleValue).sum());
    List<ScoredPiece> seeds = new ArrayList<>(values.size());
    values.forEach((text, value) ->
        seeds.add(new ScoredPiece(text, (float) (Math.log(value) - logTotal))));
    return seeds;
  }

  /**
   * Returns the learnt pieces: every required character (one that EM dropped gets a score just
   * above the lowest), then the highest-scoring pieces up to {@code size}, sorted by score.
   */
  static List<ScoredPiece> finalPieces(List<ScoredPiece> pieces,
      LinkedHashMap<Integer, Long> required, int size) {
    Map<String, Float> scores = new HashMap<>();
    float minScore = Float.MAX_VALUE;
    for (ScoredPiece piece : pieces) {
      scores.put(piece.text(), piece.score());
      minScore = Math.min(minScore, piece.score());
    }

    Map<String, Float> chosen = new LinkedHashMap<>();
    float penalty = 0;
    List<Map.Entry<Integer, Long>> requiredOrder = new ArrayList<>(required.entrySet());
    requiredOrder.sort(Map.Entry.<Integer, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    for (Map.Entry<Integer, Long> entry : requiredOrder) {
      String character = new String(Character.toChars(entry.getKey()));
      Float score = scores.get(character);
      if (score == null) {
        score = minScore + penalty;
        penalty += REQUIRED_PENALTY_STEP;
      }
      chosen.put(character, score);
    }

    List<ScoredPiece> byScore = new ArrayList<>(pieces);
    byScore.sort(TrainingPieces.BY_SCORE);
    for (ScoredPiece piece : byScore) {
      if (chosen.size() >= size) {
        break;
      }
      chosen.putIfAbsent(piece.text(), piece.score());
    }

    List<ScoredPiece> result = new ArrayList<>();
    chosen.forEach((text, score) -> result.add(new ScoredPiece(text, score)));
    result.sort(TrainingPieces.BY_SCORE);
    return result;
  }

  private static SentencePieceModel buildModel(List<ScoredPiece> learnt, NormalizerSpec spec,
      UnigramTrainerOptions options, List<String> inputs) {
    List<SentencePieceModel.Piece> pieces = new ArrayList<>();
    pieces.add(new SentencePieceModel.Piece("<pad>", 0f, PieceType.CONTROL));
    pieces.add(new SentencePieceModel.Piece("</s>", 0f, PieceType.CONTROL));
    pieces.add(new SentencePieceModel.Piece("<unk>", 0f, PieceType.UNKNOWN));
    for (ScoredPiece piece : learnt) {
      pieces.add(new SentencePieceModel.Piece(piece.text(), piece.score(), PieceType.NORMAL));
    }
    List<String> sentinels = new ArrayList<>();
    for (int index = options.sentinelCount() - 1; index >= 0; index--) {
      String name = SentencePieceTokenizer.sentinelName(index);
      sentinels.add(name);
      pieces.add(new SentencePieceModel.Piece(name, 0f, PieceType.USER_DEFINED));
    }

    TrainerSpec trainerSpec = TrainerSpec.EMPTY
        .withStrings(TrainerSpec.INPUT, inputs)
        .withVarint(TrainerSpec.MODEL_TYPE, TrainerSpec.MODEL_TYPE_UNIGRAM)
        .withVarint(TrainerSpec.VOCAB_SIZE, options.vocabSize())
        .withFloat(TrainerSpec.CHARACTER_COVERAGE, options.characterCoverage())
        .withVarint(TrainerSpec.SEED_SENTENCEPIECE_SIZE, options.seedSize())
        .withFloat(TrainerSpec.SHRINKING_FACTOR, options.shrinkingFactor())
        .withVarint(TrainerSpec.NUM_THREADS, options.threads())
        .withVarint(TrainerSpec.NUM_SUB_ITERATIONS, options.subIterations())
        .withVarint(TrainerSpec.MAX_SENTENCE_LENGTH, options.maxSentenceBytes())
        .withVarint(TrainerSpec.MAX_SENTENCEPIECE_LENGTH, options.maxPieceLength())
        .withBool(TrainerSpec.SPLIT_BY_UNICODE_SCRIPT, options.splitByUnicodeScript())
        .withBool(TrainerSpec.SPLIT_BY_WHITESPACE, true)
        .withBool(TrainerSpec.SPLIT_BY_NUMBER, options.splitByNumber())
        .withBool(TrainerSpec.SPLIT_DIGITS, options.splitDigits())
        .withStrings(TrainerSpec.USER_DEFINED_SYMBOLS, sentinels)
        .withVarint(TrainerSpec.UNK_ID, 2)
        .withVarint(TrainerSpec.BOS_ID, -1)
        .withVarint(TrainerSpec.EOS_ID, 1)
        .withVarint(TrainerSpec.PAD_ID, 0);
    if (!options.requiredChars().isEmpty()) {
      trainerSpec = trainerSpec.withString(TrainerSpec.REQUIRED_CHARS, options.requiredChars());
    }
    return SentencePieceModel.of(pieces, trainerSpec, spec);
  }

  /** Distinct words as UTF-8 with their counts, sorted so that EM sums in a fixed order. */
  private record Corpus(byte[][] words, long[] counts, long total) {}

  /** Collects the word counts, with characters outside the required set as U+2585. */
  private static Corpus collectWords(CorpusCounter.WordCounts counts,
      Set<Integer> required) {
    TreeMap<String, Long> merged = new TreeMap<>();
    String marker = new String(Character.toChars(PieceRules.UNKNOWN_MARKER));
    for (Tuple2<String, Long> word : counts.words().collect()) {
      StringBuilder replaced = new StringBuilder(word._1().length());
      word._1().codePoints().forEach(c -> {
        if (required.contains(c)) {
          replaced.appendCodePoint(c);
        } else {
          replaced.append(marker);
        }
      });
      merged.merge(replaced.toString(), word._2(), Long::sum);
    }
    byte[][] words = new byte[merged.size()][];
    long[] wordCounts = new long[merged.size()];
    long total = 0;
    int i = 0;
    for (Map.Entry<String, Long> entry : merged.entrySet()) {
      words[i] = entry.getKey().getBytes(StandardCharsets.UTF_8);
      wordCounts[i] = entry.getValue();
      total += entry.getValue();
      i++;
    }
    return new Corpus(words, wordCounts, total);
  }

  private static List<ScoredPiece> piecesOf(TrainingPieces model) {
    List<ScoredPiece> pieces = new ArrayList<>(model.size());
    for (int id = 0; id < model.size(); id++) {
      pieces.add(model.piece(id));
    }
    return pieces;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String formatSeconds(long startNanos) {
    return String.format("%.1f", seconds(startNanos));
  }
}
