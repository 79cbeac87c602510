package org.gqaspark.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gqaspark.generation.TopCandidates.Candidate;
import org.junit.jupiter.api.Test;

class TopCandidatesTest {

  @Test
  void keepsBestFirstWithEarlierTies() {
    TopCandidates top = new TopCandidates(3);
    top.offer(1.0, 0, 0);
    top.offer(2.0, 0, 1);
    top.offer(2.0, 0, 2);
    top.offer(0.5, 1, 0);
    top.offer(2.0, 1, 3); // ties with two kept candidates but was offered later
    top.offer(3.0, 1, 4);

    Candidate[] best = top.drainBestFirst();

    assertEquals(3, best.length);
    assertEquals(new Candidate(3.0, 1, 4), best[0]);
    assertEquals(new Candidate(2.0, 0, 1), best[1]);
    assertEquals(new Candidate(2.0, 0, 2), best[2]);
  }

  @Test
  void thresholdIsWorstWhenFull() {
    TopCandidates top = new TopCandidates(2);
    top.offer(-1.0, 0, 0);
    assertEquals(Double.NEGATIVE_INFINITY, top.threshold());
    top.offer(-3.0, 0, 1);
    assertEquals(-3.0, top.threshold());
    top.offer(-2.0, 0, 2);
    assertEquals(-2.0, top.threshold());
  }

  @Test
  void fewerOffersThanCapacity() {
    TopCandidates top = new TopCandidates(4);
    top.offer(-2.0, 3, 7);
    top.offer(-1.0, 2, 5);

    Candidate[] best = top.drainBestFirst();

    assertEquals(2, best.length);
    assertEquals(new Candidate(-1.0, 2, 5), best[0]);
    assertEquals(new Candidate(-2.0, 3, 7), best[1]);
  }
}
