package org.gqaspark.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void inverseSquareRootValues() {
    LearningRateSchedule schedule = LearningRateSchedule.inverseSquareRoot(0.01, 4);
    assertEquals(0.0025, schedule.rate(1), 1e-15);
    assertEquals(0.01, schedule.rate(4), 1e-15);
    assertEquals(0.01 * Math.sqrt(4.0 / 9.0), schedule.rate(9), 1e-15);
    assertEquals(0.001, schedule.rate(400), 1e-15);
  }

  @Test
  void inverseSquareRootWithoutWarmup() {
    LearningRateSchedule schedule = LearningRateSchedule.inverseSquareRoot(1.0, 0);
    assertEquals(1.0, schedule.rate(1), 1e-15);
    assertEquals(0.25, schedule.rate(16), 1e-15);
  }

  @Test
  void linearDecayValues() {
    LearningRateSchedule schedule = LearningRateSchedule.linearDecay(0.3, 2, 5);
    assertEquals(0.15, schedule.rate(1), 1e-15);
    assertEquals(0.3, schedule.rate(2), 1e-15);
    assertEquals(0.3, schedule.rate(3), 1e-15);
    assertEquals(0.2, schedule.rate(4), 1e-15);
    assertEquals(0.1, schedule.rate(5), 1e-15);
    assertEquals(0.0, schedule.rate(6), 1e-15);
  }

  @Test
  void constantAfterWarmup() {
    LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3, 10);
    assertEquals(1e-4, schedule.rate(1), 1e-18);
    assertEquals(1e-3, schedule.rate(10), 1e-18);
    assertEquals(1e-3, schedule.rate(11), 1e-18);
  }

  @Test
  void stepZeroRejected() {
    LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3, 0);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> schedule.rate(0));
    assertEquals("Learning-rate schedules count steps from 1 but got step 0.",
        error.getMessage());
  }

  @Test
  void totalNotAfterWarmupRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.linearDecay(0.1, 10, 10));
  }
}
