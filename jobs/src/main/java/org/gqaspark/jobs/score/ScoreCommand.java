package org.gqaspark.jobs.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gqaspark.metrics.BleuOptions;
import org.gqaspark.metrics.BleuTokenizer;
import org.gqaspark.metrics.Bootstrap;
import org.gqaspark.metrics.ChrfOptions;
import org.gqaspark.metrics.CorpusScores;
import org.gqaspark.metrics.MetricErrors;
import org.gqaspark.metrics.MetricSuite;
import org.gqaspark.metrics.RougeOptions;
import org.gqaspark.metrics.SegmentFiles;
import org.gqaspark.metrics.SmoothMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gqa score}: scores a hypothesis file against reference files and prints JSON in the
 * manner of the sacreBLEU command line (one object per score, an array when there are several).
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = "Scores a hypothesis file against one or more reference files (UTF-8, one"
        + " segment per line, .gz allowed) with BLEU, chrF and ROUGE, and prints JSON.")
public final class ScoreCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "REFERENCE",
      description = "Reference files, each parallel to the hypothesis file.")
  List<Path> references;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "HYPOTHESIS",
      description = "Hypothesis file.")
  Path input;

  @Option(names = {"-m", "--metrics"}, arity = "1..*", defaultValue = "bleu",
      description = "Metrics to compute: bleu, chrf, rouge (default: ${DEFAULT-VALUE}).")
  List<String> metrics;

  @Option(names = {"-tok", "--tokenize"}, defaultValue = "13a",
      description = "BLEU tokenizer: 13a, intl, zh, char, none (default: ${DEFAULT-VALUE}).")
  String tokenize;

  @Option(names = {"-s", "--smooth-method"}, defaultValue = "exp",
      description = "BLEU smoothing: exp, floor, add-k, none (default: ${DEFAULT-VALUE}).")
  String smoothMethod;

  @Option(names = {"-sv", "--smooth-value"},
      description = "Value of floor (default 0.1) or add-k (default 1) smoothing.")
  Double smoothValue;

  @Option(names = {"-lc", "--lowercase"}, description = "Lower-case before BLEU.")
  boolean lowercase;

  @Option(names = "--max-ngram-order", defaultValue = "4",
      description = "Highest BLEU n-gram order (default: ${DEFAULT-VALUE}).")
  int maxNgramOrder;

  @Option(names = {"-e", "--effective-order"},
      description = "Leave n-gram orders without hypothesis n-grams out of corpus BLEU.")
  boolean effectiveOrder;

  @Option(names = {"-cc", "--chrf-char-order"}, defaultValue = "6",
      description = "chrF character n-gram order (default: ${DEFAULT-VALUE}).")
  int chrfCharOrder;

  @Option(names = {"-cw", "--chrf-word-order"}, defaultValue = "0",
      description = "chrF word n-gram order; 2 gives chrF++ (default: ${DEFAULT-VALUE}).")
  int chrfWordOrder;

  @Option(names = {"-cb", "--chrf-beta"}, defaultValue = "2",
      description = "chrF recall weight beta (default: ${DEFAULT-VALUE}).")
  int chrfBeta;

  @Option(names = "--chrf-whitespace", description = "Keep whitespace in chrF character n-grams.")
  boolean chrfWhitespace;

  @Option(names = "--chrf-lowercase", description = "Lower-case before chrF.")
  boolean chrfLowercase;

  @Option(names = "--chrf-eps-smoothing",
      description = "Epsilon smoothing as chrF++.py, NLTK and Moses, instead of effective order.")
  boolean chrfEpsSmoothing;

  @Option(names = "--rouge-types", split = ",",
      defaultValue = "rouge1,rouge2,rougeL,rougeLsum",
      description = "ROUGE types, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> rougeTypes;

  @Option(names = "--rouge-stemmer", description = "Porter-stem ROUGE tokens as rouge-score.")
  boolean rougeStemmer;

  @Option(names = "--rouge-newline", paramLabel = "TOKEN",
      description = "Text that marks a sentence break inside a line, replaced by a newline"
          + " before ROUGE (ROUGE-Lsum splits sentences at newlines), e.g. '<n>'.")
  String rougeNewline;

  @Option(names = {"-ci", "--confidence"},
      description = "Report bootstrap confidence intervals.")
  boolean confidence;

  @Option(names = {"-cin", "--confidence-n"}, defaultValue = "1000",
      description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int confidenceSamples;

  @Option(names = "--seed", defaultValue = "12345",
      description = "Bootstrap seed, as NumPy's np.random.seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-w", "--width"}, defaultValue = "1",
      description = "Decimals of the printed scores (default: ${DEFAULT-VALUE}).")
  int width;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<String> hypotheses = SegmentFiles.readStrippedLines(input);
      List<List<String>> streams = new ArrayList<>();
      for (Path reference : references) {
        List<String> lines = SegmentFiles.readStrippedLines(reference);
        if (lines.size() != hypotheses.size()) {
          throw MetricErrors.countMismatch(hypotheses.size(), lines.size(),
              reference + " (hypotheses: " + input + ")");
        }
        streams.add(lines);
      }
      out.println(render(score(hypotheses, streams)));
      out.flush();
      return 0;
    } catch (MetricErrors.InvalidMetricInputException | UncheckedIOException e) {
      err.println("gqa score: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private CorpusScores score(List<String> hypotheses, List<List<String>> streams) {
    for (String metric : metrics) {
      if (!List.of("bleu", "chrf", "rouge").contains(metric)) {
        throw MetricErrors.invalidOption("metrics", metric, "one of bleu, chrf, rouge");
      }
    }
    List<List<String>> references = new ArrayList<>(hypotheses.size());
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> segmentReferences = new ArrayList<>(streams.size());
      for (List<String> stream : streams) {
        segmentReferences.add(stream.get(i));
      }
      references.add(segmentReferences);
    }
    Bootstrap bootstrap = confidence ? new Bootstrap(confidenceSamples, seed, 0.95) : null;

    CorpusScores translation = null;
    if (metrics.contains("bleu") || metrics.contains("chrf")) {
      MetricSuite suite = new MetricSuite(metrics.contains("bleu") ? bleuOptions() : null,
          metrics.contains("chrf") ? new ChrfOptions(chrfCharOrder, chrfWordOrder, chrfBeta,
              chrfLowercase, chrfWhitespace, chrfEpsSmoothing) : null,
          null);
      translation = suite.corpusScore(hypotheses, references, bootstrap);
    }
    CorpusScores summary = null;
    if (metrics.contains("rouge")) {
      MetricSuite suite = new MetricSuite(null, null, RougeOptions.of(rougeTypes, rougeStemmer));
      summary = suite.corpusScore(withNewlines(hypotheses),
          references.stream().map(this::withNewlines).toList(), bootstrap);
    }
    return new CorpusScores(hypotheses.size(),
        translation == null ? null : translation.bleu(),
        translation == null ? null : translation.bleuInterval(),
        translation == null ? null : translation.chrf(),
        translation == null ? null : translation.chrfInterval(),
        summary == null ? null : summary.rouge());
  }

  /** Replaces the --rouge-newline marker by a newline, so that ROUGE-Lsum splits the sentences there. */
  private List<String> withNewlines(List<String> lines) {
    if (rougeNewline == null || rougeNewline.isEmpty()) {
      return lines;
    }
    return lines.stream().map(line -> line.replace(rougeNewline, "\n")).toList();
  }

  private BleuOptions bleuOptions() {
    SmoothMethod method = SmoothMethod.fromName(smoothMethod);
    return new BleuOptions(BleuTokenizer.fromName(tokenize), lowercase, method,
        smoothValue != null ? smoothValue : method.defaultValue(), maxNgramOrder,
        effectiveOrder);
  }

  private String render(CorpusScores scores) {
    ArrayNode results = ScoreJson.results(scores, width);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try {
      return json.writeValueAsString(results.size() == 1 ? results.get(0) : results);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write the scores as JSON", e);
    }
  }
}
