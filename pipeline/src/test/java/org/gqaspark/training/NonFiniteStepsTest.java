package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps with a NaN gradient (injected on a worker) are skipped, and too many in a row fail. */
class NonFiniteStepsTest {

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
  void nanStepsSkippedAndCounted() throws IOException {
    TrainingFixtures.Settings settings = TrainingFixtures.settings("nan-skip", folder);
    settings.steps = 8;
    settings.partitions = 2;
    settings.nanSteps = Set.of(3L, 4L, 6L);
    settings.tables = new TableLocations(folder.resolve("tables").toString());

    TrainingOutcome outcome = train(settings);
    List<Row> rows = spark.read().format("delta").load(folder.resolve("tables/training_steps")
        .toString()).filter("run_id = 'nan-skip' AND kind = 'train' AND skipped")
        .orderBy("step").collectAsList();

    assertEquals(3, outcome.skippedSteps());
    assertEquals(List.of(3L, 4L, 6L), rows.stream().map(r -> r.<Long>getAs("step")).toList());
    assertTrue(Double.isFinite(outcome.lastLoss()), "last loss " + outcome.lastLoss());
  }

  @Test
  void skippedStepLeavesWeights() throws IOException {
    TrainingFixtures.Settings clean = TrainingFixtures.settings("clean-2", folder);
    clean.steps = 2;
    TrainingFixtures.Settings poisoned = TrainingFixtures.settings("poisoned-3", folder);
    poisoned.steps = 3;
    poisoned.nanSteps = Set.of(3L);

    ParameterStore a = TrainingFixtures.load(train(clean));
    ParameterStore b = TrainingFixtures.load(train(poisoned));

    for (String name : a.names()) {
      assertArrayEquals(a.values(name), b.values(name), 0f, name);
    }
  }

  @Test
  void consecutiveLimitFailsRun() {
    TrainingFixtures.Settings settings = TrainingFixtures.settings("nan-limit", folder);
    settings.steps = 10;
    settings.maxNonFinite = 3;
    settings.nanSteps = Set.of(4L, 5L, 6L);

    TrainingErrors.NonFiniteStepsException error = assertThrows(
        TrainingErrors.NonFiniteStepsException.class, () -> train(settings));

    assertTrue(error.getMessage().startsWith("Run nan-limit failed at step 6: 3 consecutive"
        + " steps had a NaN or infinite loss or gradient"), error.getMessage());
    assertTrue(error.getMessage().contains("the last finite loss was "), error.getMessage());
    assertTrue(error.getMessage().contains(" at step 3."), error.getMessage());
  }

  private static TrainingOutcome train(TrainingFixtures.Settings settings) throws IOException {
    return TrainingFixtures.train(spark, sources, settings);
  }
}
