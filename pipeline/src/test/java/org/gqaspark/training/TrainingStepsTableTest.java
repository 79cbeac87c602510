package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingStepsTableTest {

  @TempDir
  Path folder;

  @Test
  void resumedRunReplacesItsRows() {
    SparkSession spark = SparkTestSession.get();
    TableLocations tables = new TableLocations(folder.toString());
    TrainingStepsTable first = new TrainingStepsTable(spark, tables, new RunId("steps-1"));
    for (long step = 1; step <= 4; step++) {
      first.add(row(step, 9.0));
    }
    first.flush();

    // A second attempt resumes from the checkpoint of step 2 and redoes steps 3 and 4.
    TrainingStepsTable second = new TrainingStepsTable(spark, tables, new RunId("steps-1"));
    second.deleteAfter(2);
    second.add(row(3, 5.0));
    second.flush();
    List<Row> rows = spark.read().format("delta").load(second.path())
        .filter("run_id = 'steps-1'").orderBy("step").collectAsList();

    assertEquals(List.of(1L, 2L, 3L), rows.stream().map(r -> r.<Long>getAs("step")).toList());
    assertEquals(List.of(9.0, 9.0, 5.0), rows.stream().map(r -> r.<Double>getAs("loss"))
        .toList());
  }

  private static StepRecord row(long step, double loss) {
    return new StepRecord(StepRecord.TRAIN, step, loss, 1e-3, 0.5, 100, 4, 0.1, 0.01, 2, false,
        Instant.parse("2025-01-01T00:00:00Z"));
  }
}
