package org.gqaspark.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stopping rules of beam search on hand-computed scores. Two beams, maximum length 10;
 * the kept hypotheses are [5, 1] with log-probability -2.0 and [5, 6, 1] with -4.5.
 */
class FinishedHypothesesTest {

  private static FinishedHypotheses twoKept(double lengthPenalty, EarlyStopping stopping) {
    FinishedHypotheses hypotheses = new FinishedHypotheses(GenerationOptions.beamSearch(2, 10)
        .withLengthPenalty(lengthPenalty).withEarlyStopping(stopping));
    hypotheses.add(new int[] {5, 1}, -2.0, true);
    hypotheses.add(new int[] {5, 6, 1}, -4.5, true);
    return hypotheses;
  }

  @Test
  void notDoneBeforeBeamsFinish() {
    FinishedHypotheses hypotheses = new FinishedHypotheses(GenerationOptions.beamSearch(2, 10)
        .withEarlyStopping(EarlyStopping.FIRST_COMPLETE));
    hypotheses.add(new int[] {5, 1}, -2.0, true);
    assertFalse(hypotheses.isDone(Double.NEGATIVE_INFINITY, 3));
  }

  @Test
  void firstCompleteDoneWhenFull() {
    assertTrue(twoKept(1.0, EarlyStopping.FIRST_COMPLETE).isDone(-0.1, 4));
  }

  @Test
  void heuristicScoresRunningAtCurrentLength() {
    // Scores: -2.0 / 2 = -1.0 and -4.5 / 3 = -1.5. Running -5.0 / 4 = -1.25 beats -1.5.
    FinishedHypotheses hypotheses = twoKept(1.0, EarlyStopping.HEURISTIC);
    assertFalse(hypotheses.isDone(-5.0, 4));
    // -6.4 / 4 = -1.6 cannot beat -1.5.
    assertTrue(hypotheses.isDone(-6.4, 4));
  }

  @Test
  void neverScoresRunningAtMaximumLength() {
    // With a positive penalty the running beam is scored at length 10: -6.4 / 10 = -0.64.
    FinishedHypotheses hypotheses = twoKept(1.0, EarlyStopping.NEVER);
    assertFalse(hypotheses.isDone(-6.4, 4));
    // -16 / 10 = -1.6 cannot beat -1.5.
    assertTrue(hypotheses.isDone(-16, 4));
  }

  @Test
  void neverNegativePenaltyUsesCurrentLength() {
    // Penalty -1 multiplies by the length: kept -4.0 and -13.5; running -3 * 4 = -12 wins.
    FinishedHypotheses hypotheses = twoKept(-1.0, EarlyStopping.NEVER);
    assertFalse(hypotheses.isDone(-3.0, 4));
    // -4 * 4 = -16 cannot beat -13.5.
    assertTrue(hypotheses.isDone(-4.0, 4));
  }

  @Test
  void betterHypothesisReplacesWorst() {
    FinishedHypotheses hypotheses = twoKept(1.0, EarlyStopping.HEURISTIC);
    hypotheses.add(new int[] {7, 1}, -1.0, true);
    hypotheses.add(new int[] {8, 8, 8, 8}, -20.0, false);

    List<GeneratedSequence> best = hypotheses.best(5);
    assertEquals(2, best.size());
    assertArrayEquals(new int[] {7, 1}, best.get(0).tokens());
    assertEquals(-0.5, best.get(0).score(), 0.0);
    assertArrayEquals(new int[] {5, 1}, best.get(1).tokens());
  }
}
