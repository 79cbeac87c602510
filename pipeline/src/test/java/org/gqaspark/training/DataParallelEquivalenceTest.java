package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same global batches on 1 and 2 partitions (in the shared local[2] session) give the
 * same weights after 20 steps, up to the order of the fp32 gradient additions. Local SGD
 * with one partition is synchronous training.
 */
class DataParallelEquivalenceTest {

  @TempDir
  static Path folder;

  private static SparkSession spark;
  private static List<TrainingSource> sources;

  @BeforeAll
  static void sources() {
    spark = SparkTestSession.get();
    sources = TrainingFixtures.mixture(spark);
  }

  @Test
  void twoPartitionsMatchOne() throws IOException {
    TrainingFixtures.Settings one = TrainingFixtures.settings("one-partition", folder);
    TrainingFixtures.Settings two = TrainingFixtures.settings("two-partitions", folder);
    two.partitions = 2;

    TrainingOutcome first = train(one);
    TrainingOutcome second = train(two);
    ParameterStore a = TrainingFixtures.load(first);
    ParameterStore b = TrainingFixtures.load(second);

    assertEquals(20, second.steps());
    for (String name : a.names()) {
      float[] x = a.values(name);
      float[] y = b.values(name);
      double difference = 0;
      double norm = 0;
      for (int i = 0; i < x.length; i++) {
        difference = Math.max(difference, Math.abs(x[i] - y[i]));
        norm = Math.max(norm, Math.abs(x[i]));
      }
      assertTrue(difference <= 1e-5 * norm, name + ": max difference " + difference
          + " against max weight " + norm);
    }
  }

  @Test
  void localSgdOnOnePartitionIsSynchronous() throws IOException {
    TrainingFixtures.Settings synchronous = TrainingFixtures.settings("sync-6", folder);
    synchronous.steps = 6;
    TrainingFixtures.Settings local = TrainingFixtures.settings("local-sgd-6", folder);
    local.steps = 6;
    local.localSgdSteps = 3;

    ParameterStore a = TrainingFixtures.load(train(synchronous));
    ParameterStore b = TrainingFixtures.load(train(local));

    for (String name : a.names()) {
      assertArrayEquals(a.values(name), b.values(name), 0f, name);
    }
  }

  @Test
  void localSgdOnTwoPartitionsLowersLoss() throws IOException {
    TrainingFixtures.Settings local = TrainingFixtures.settings("local-sgd-2p", folder);
    local.partitions = 2;
    local.localSgdSteps = 4;
    local.steps = 16;

    TrainingOutcome outcome = DataParallelTrainer.run(spark, local.build(), sources,
        new ValidationData(sources, 8, 0), new ModelInit.Random(TrainingFixtures.config(), 3));

    assertTrue(outcome.validationLoss() < outcome.firstValidationLoss(),
        "validation loss " + outcome.firstValidationLoss() + " -> " + outcome.validationLoss());
  }

  private static TrainingOutcome train(TrainingFixtures.Settings settings) throws IOException {
    return TrainingFixtures.train(spark, sources, settings);
  }

}
