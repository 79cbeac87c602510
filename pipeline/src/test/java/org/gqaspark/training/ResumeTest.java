package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that resumes from an earlier checkpoint ends with the weights of an uninterrupted
 * run, bitwise, on three partitions (where the order of the gradient sums matters). The
 * interruption is simulated by deleting the checkpoints after step 10 and cutting the marker
 * of step 10 short. The child-JVM test of the pretrain command kills a real process.
 */
class ResumeTest {

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
  void resumedRunMatchesUninterrupted() throws IOException {
    TrainingFixtures.Settings uninterrupted = TrainingFixtures.settings("straight", folder);
    uninterrupted.partitions = 3;
    uninterrupted.checkpointEvery = 5;
    uninterrupted.keep = 10;
    TrainingFixtures.Settings resumed = TrainingFixtures.settings("resumed", folder);
    resumed.partitions = 3;
    resumed.checkpointEvery = 5;
    resumed.keep = 10;

    ParameterStore expected = TrainingFixtures.load(train(uninterrupted));
    train(resumed);
    Path runDir = folder.resolve("resumed");
    deleteTree(runDir.resolve("checkpoint-20"));
    deleteTree(runDir.resolve("checkpoint-15"));
    // Cut off while writing the marker of step 10, so that step counts as incomplete.
    Files.writeString(runDir.resolve("checkpoint-10/_COMPLETE"), "{\"format\" : \"gqa-che");
    TrainingOutcome outcome = train(resumed);
    ParameterStore actual = TrainingFixtures.load(outcome);

    assertEquals(5, outcome.resumedFrom());
    for (String name : expected.names()) {
      assertArrayEquals(expected.values(name), actual.values(name), 0f, name);
    }
  }

  @Test
  void completeRunNotTrainedAgain() throws IOException {
    TrainingFixtures.Settings settings = TrainingFixtures.settings("complete", folder);
    settings.steps = 4;
    train(settings);

    TrainingOutcome again = train(settings);

    assertEquals(4, again.resumedFrom());
  }

  private static TrainingOutcome train(TrainingFixtures.Settings settings) throws IOException {
    return TrainingFixtures.train(spark, sources, settings);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
