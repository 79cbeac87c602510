package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-N, ROUGE-L and ROUGE-Lsum (Lin, 2004) with rouge-score 0.1.2's semantics and
 * tokenizer. ROUGE-N counts clipped n-gram overlap, and ROUGE-L takes the LCS of the whole
 * token sequences. ROUGE-Lsum takes, for every target sentence, the union of its LCS with each
 * prediction sentence, where sentences are the non-empty lines; a token counts as a hit at
 * most as often as it occurs in both texts. An empty target or prediction scores 0. With
 * several targets each type keeps the target with the highest F (the first on a tie), as
 * rouge-score's {@code score_multi} does.
 */
public final class Rouge implements Serializable {

  private static final long serialVersionUID = 1L;

  private final RougeOptions options;
  private final RougeTokenizer tokenizer;

  public Rouge(RougeOptions options) {
    this.options = options;
    this.tokenizer = new RougeTokenizer(options.useStemmer());
  }

  public RougeOptions options() {
    return options;
  }

  public RougeTokenizer tokenizer() {
    return tokenizer;
  }

  /** Scores a prediction against one target; the map follows the order of the types. */
  public Map<RougeType, PrfScore> score(String target, String prediction) {
    Map<RougeType, PrfScore> scores = new LinkedHashMap<>();
    List<String> targetTokens = null;
    List<String> predictionTokens = null;
    for (RougeType type : options.types()) {
      if (type.equals(RougeType.ROUGE_LSUM)) {
        scores.put(type, summaryLevelLcs(sentences(target), sentences(prediction)));
        continue;
      }
      if (targetTokens == null) {
        targetTokens = tokenizer.tokenize(target);
        predictionTokens = tokenizer.tokenize(prediction);
      }
      scores.put(type, type.isNgram()
          ? ngramOverlap(targetTokens, predictionTokens, type.n())
          : wholeTextLcs(targetTokens, predictionTokens));
    }
    return scores;
  }

  /**
   * Scores a prediction against several targets and keeps, per type, the score of the target
   * with the highest F; null targets are absent, and at least one must be present.
   */
  public Map<RougeType, PrfScore> scoreMulti(List<String> targets, String prediction) {
    return scoreMulti(targets, prediction, -1);
  }

  Map<RougeType, PrfScore> scoreMulti(List<String> targets, String prediction, long segment) {
    CorpusInput.requireHypothesis(prediction, segment);
    List<String> present = CorpusInput.presentReferences(targets, segment);
    Map<RougeType, PrfScore> best = null;
    for (String target : present) {
      Map<RougeType, PrfScore> scores = score(target, prediction);
      if (best == null) {
        best = scores;
        continue;
      }
      for (RougeType type : options.types()) {
        if (scores.get(type).fmeasure() > best.get(type).fmeasure()) {
          best.put(type, scores.get(type));
        }
      }
    }
    return best;
  }

  /** Returns the summable statistics of one segment: its best scores per type. */
  public RougeStats segmentStatistics(String prediction, List<String> targets) {
    return segmentStatistics(prediction, targets, -1);
  }

  RougeStats segmentStatistics(String prediction, List<String> targets, long segment) {
    Map<RougeType, PrfScore> scores = scoreMulti(targets, prediction, segment);
    int present = CorpusInput.presentReferences(targets, segment).size();
    return RougeStats.of(options.types(), scores, ReferenceCount.of(present));
  }

  /** Returns the tokens of each non-empty line, as rouge-score's ROUGE-Lsum sentences. */
  private List<List<String>> sentences(String text) {
    List<List<String>> sentences = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      if (end > start) {
        sentences.add(tokenizer.tokenize(text.substring(start, end)));
      }
      start = end + 1;
    }
    return sentences;
  }

  static PrfScore ngramOverlap(List<String> target, List<String> prediction, int n) {
    Map<String, Integer> targetCounts = NgramCounts.count(target, n).get(n - 1);
    Map<String, Integer> predictionCounts = NgramCounts.count(prediction, n).get(n - 1);
    long overlap = NgramCounts.clippedMatches(targetCounts, predictionCounts);
    double precision = (double) overlap / Math.max(NgramCounts.total(predictionCounts), 1);
    double recall = (double) overlap / Math.max(NgramCounts.total(targetCounts), 1);
    return PrfScore.of(precision, recall);
  }

  static PrfScore wholeTextLcs(List<String> target, List<String> prediction) {
    if (target.isEmpty() || prediction.isEmpty()) {
      return PrfScore.ZERO;
    }
    TokenIds ids = new TokenIds();
    int length = Lcs.length(ids.of(target), ids.of(prediction));
    return PrfScore.of((double) length / prediction.size(), (double) length / target.size());
  }

  /** rouge-score's {@code _summary_level_lcs}: union LCS hits without double counting. */
  static PrfScore summaryLevelLcs(List<List<String>> target, List<List<String>> prediction) {
    if (target.isEmpty() || prediction.isEmpty()) {
      return PrfScore.ZERO;
    }
    TokenIds ids = new TokenIds();
    List<int[]> targetIds = new ArrayList<>(target.size());
    List<int[]> predictionIds = new ArrayList<>(prediction.size());
    long targetLength = 0;
    long predictionLength = 0;
    for (List<String> sentence : target) {
      targetIds.add(ids.of(sentence));
      targetLength += sentence.size();
    }
    for (List<String> sentence : prediction) {
      predictionIds.add(ids.of(sentence));
      predictionLength += sentence.size();
    }
    if (targetLength == 0 || predictionLength == 0) {
      return PrfScore.ZERO;
    }

    int[] targetCounts = ids.counts(targetIds);
    int[] predictionCounts = ids.counts(predictionIds);
    long hits = 0;
    for (int[] sentence : targetIds) {
      boolean[] inUnion = new boolean[sentence.length];
      for (int[] candidate : predictionIds) {
        for (int index : Lcs.backtrack(sentence, candidate)) {
          inUnion[index] = true;
        }
      }
      for (int index = 0; index < sentence.length; index++) {
        int token = sentence[index];
        if (inUnion[index] && predictionCounts[token] > 0 && targetCounts[token] > 0) {
          hits++;
          predictionCounts[token]--;
          targetCounts[token]--;
        }
      }
    }
    return PrfScore.of((double) hits / predictionLength, (double) hits / targetLength);
  }

  /** Dense integer ids for the tokens of one comparison. */
  private static final class TokenIds {
    private final Map<String, Integer> ids = new HashMap<>();

    int[] of(List<String> tokens) {
      int[] result = new int[tokens.size()];
      for (int i = 0; i < result.length; i++) {
        result[i] = ids.computeIfAbsent(tokens.get(i), token -> ids.size());
      }
      return result;
    }

    int[] counts(List<int[]> sentences) {
      int[] counts = new int[ids.size()];
      for (int[] sentence : sentences) {
        for (int token : sentence) {
          counts[token]++;
        }
      }
      return counts;
    }
  }

  /** Returns the signature, for example "nrefs:1|stem:yes|tok:rouge-score|multi:max-f|version:gqa-0.1.0". */
  public String signature(ReferenceCount references, Bootstrap bootstrap) {
    return Signatures.build(references, bootstrap,
        "stem", Signatures.yesNo(options.useStemmer()),
        "tok", "rouge-score",
        "lsum", "newline",
        "multi", "max-f");
  }
}
