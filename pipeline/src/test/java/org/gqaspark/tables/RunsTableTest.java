package org.gqaspark.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTableTest {

  @TempDir
  static Path folder;

  private static RunsTable runs;

  @BeforeAll
  static void table() {
    runs = new RunsTable(SparkTestSession.get(), new TableLocations(folder.toString()));
  }

  private static RunRecord running(String id) {
    return RunRecord.running(new RunId(id), "uptrain", "gqa-test",
        Instant.parse("2025-01-02T03:04:05Z")).withParent("pretrain-1")
        .withModel("d_model 16", 4, 2).withConversion("mean", 0.05).withSteps(40L)
        .withConfig("{}");
  }

  @Test
  void startMarksRunning() {
    runs.start(running("r-start"));

    RunRecord row = runs.read(new RunId("r-start")).orElseThrow();

    assertEquals(RunRecord.Status.RUNNING, row.status());
    assertEquals("pretrain-1", row.parentRunId());
    assertEquals(0.05, row.uptrainingFraction());
    assertNull(row.endTime());
  }

  @Test
  void successRecordsOutput() throws Exception {
    RunRecord started = runs.start(running("r-ok"));

    String output = runs.track(started, () -> "/runs/r-ok/checkpoint-40");
    RunRecord row = runs.read(new RunId("r-ok")).orElseThrow();

    assertEquals("/runs/r-ok/checkpoint-40", output);
    assertEquals(RunRecord.Status.SUCCEEDED, row.status());
    assertEquals("/runs/r-ok/checkpoint-40", row.outputPath());
    assertEquals(started.startTime(), row.startTime());
  }

  @Test
  void failureRecordedAndRethrown() {
    RunRecord started = runs.start(running("r-fail"));
    IllegalStateException failure = new IllegalStateException("loss is NaN");

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> runs.track(started, () -> {
          throw failure;
        }));
    RunRecord row = runs.read(new RunId("r-fail")).orElseThrow();

    assertSame(failure, thrown);
    assertEquals(RunRecord.Status.FAILED, row.status());
    assertEquals("java.lang.IllegalStateException: loss is NaN", row.errorMessage());
  }

  @Test
  void restartKeepsFirstStartTime() {
    runs.start(running("r-again"));

    runs.start(running("r-again").withStartTime(Instant.parse("2025-02-01T00:00:00Z")));

    assertEquals(Instant.parse("2025-01-02T03:04:05Z"),
        runs.read(new RunId("r-again")).orElseThrow().startTime());
  }
}
