package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MixtureSamplerTest {

  @Test
  void epochVisitsEveryRecordOnce() {
    MixtureSampler sampler = new MixtureSampler(1, new double[] {1}, new long[] {10});
    long[] consumed = new long[1];
    Set<Long> seen = new TreeSet<>();
    for (long step = 1; step <= 5; step++) {
      for (SlotRef slot : sampler.draw(step, 2, consumed)) {
        assertEquals(0, slot.epoch());
        seen.add(slot.index());
      }
    }

    assertEquals(10, seen.size());
    assertEquals(1, sampler.draw(6, 1, consumed)[0].epoch());
    assertArrayEquals(new long[] {11}, consumed);
  }

  @Test
  void ratesSetSourceShares() {
    MixtureSampler sampler = new MixtureSampler(2, new double[] {3, 1}, new long[] {50, 70});
    long[] consumed = new long[2];
    for (long step = 1; step <= 1000; step++) {
      sampler.draw(step, 4, consumed);
    }
    double share = consumed[0] / 4000.0;

    assertTrue(Math.abs(share - 0.75) < 0.03, "share of source 0: " + share);
  }

  @Test
  void drawingResumesFromCounts() {
    MixtureSampler sampler = new MixtureSampler(3, new double[] {1, 2}, new long[] {7, 5});
    long[] straight = new long[2];
    List<SlotRef> expected = new ArrayList<>();
    for (long step = 1; step <= 6; step++) {
      expected.addAll(List.of(sampler.draw(step, 3, straight)));
    }
    long[] resumed = new long[2];
    List<SlotRef> actual = new ArrayList<>();
    for (long step = 1; step <= 2; step++) {
      actual.addAll(List.of(sampler.draw(step, 3, resumed)));
    }
    long[] saved = resumed.clone();
    MixtureSampler restarted = new MixtureSampler(3, new double[] {1, 2}, new long[] {7, 5});
    for (long step = 3; step <= 6; step++) {
      actual.addAll(List.of(restarted.draw(step, 3, saved)));
    }

    assertEquals(expected, actual);
  }
}
