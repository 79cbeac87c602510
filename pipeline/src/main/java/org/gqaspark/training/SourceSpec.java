package org.gqaspark.training;

import java.util.List;

/**
 * One dataset split of the examples table in a training or validation mixture, as the
 * {@code data.train} and {@code data.validation} lists of a training job name it.
 *
 * @param dataset the dataset name of the examples table
 * @param split the split
 * @param rate relative sampling rate (training only)
 * @param objective {@link #SPAN_CORRUPTION} or {@link #SUPERVISED}
 * @param fields for span corruption, which token lists of an example are text
 */
public record SourceSpec(String dataset, String split, double rate, String objective,
    List<ExampleSources.Field> fields) {

  public static final String SPAN_CORRUPTION = "span-corruption";
  public static final String SUPERVISED = "supervised";

  public SourceSpec {
    if (!SPAN_CORRUPTION.equals(objective) && !SUPERVISED.equals(objective)) {
      throw TrainingErrors.invalidSetting("objective of " + dataset + "/" + split, objective,
          SPAN_CORRUPTION + " or " + SUPERVISED);
    }
    if (fields.isEmpty()) {
      throw TrainingErrors.invalidSetting("fields of " + dataset + "/" + split, fields,
          "one or both of input and target");
    }
    fields = List.copyOf(fields);
  }
}
