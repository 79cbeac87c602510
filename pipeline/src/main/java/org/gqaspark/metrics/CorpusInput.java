package org.gqaspark.metrics;

import java.util.ArrayList;
import java.util.List;

/** Validation and reshaping of corpus input shared by the metrics. */
final class CorpusInput {

  private CorpusInput() {}

  /**
   * Turns sacreBLEU's layout (one stream per reference set, each parallel to the hypotheses)
   * into one reference list per segment, rejecting streams whose length differs from the
   * number of hypotheses.
   */
  static List<List<String>> referencesPerSegment(List<String> hypotheses,
      List<? extends List<String>> referenceStreams) {
    if (hypotheses.isEmpty()) {
      throw MetricErrors.emptyCorpus();
    }
    if (referenceStreams.isEmpty()) {
      throw MetricErrors.invalidOption("references", "no reference stream",
          "at least one reference stream");
    }
    for (int stream = 0; stream < referenceStreams.size(); stream++) {
      int size = referenceStreams.get(stream).size();
      if (size != hypotheses.size()) {
        throw MetricErrors.countMismatch(hypotheses.size(), size,
            "reference stream " + (stream + 1) + " of " + referenceStreams.size());
      }
    }
    List<List<String>> perSegment = new ArrayList<>(hypotheses.size());
    for (int segment = 0; segment < hypotheses.size(); segment++) {
      List<String> references = new ArrayList<>(referenceStreams.size());
      for (List<String> stream : referenceStreams) {
        references.add(stream.get(segment));
      }
      perSegment.add(references);
    }
    return perSegment;
  }

  /**
   * Returns the non-null references of a segment, as sacreBLEU drops {@code None} entries to
   * allow a varying number of references; at least one must remain.
   *
   * @param segment the segment's index for the error message, or -1 when unknown
   */
  static List<String> presentReferences(List<String> references, long segment) {
    List<String> present = new ArrayList<>(references.size());
    for (String reference : references) {
      if (reference != null) {
        present.add(reference);
      }
    }
    if (present.isEmpty()) {
      throw MetricErrors.noReference(segment);
    }
    return present;
  }

  /** Rejects a null hypothesis. */
  static String requireHypothesis(String hypothesis, long segment) {
    if (hypothesis == null) {
      throw MetricErrors.nullHypothesis(segment);
    }
    return hypothesis;
  }
}
