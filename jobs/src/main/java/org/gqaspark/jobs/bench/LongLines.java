package org.gqaspark.jobs.bench;

import java.util.Random;

/** Pairs of long single-line texts over a small vocabulary, for LCS timings. */
final class LongLines {

  private static final int VOCABULARY = 500;

  private LongLines() {}

  /** Returns two seeded random lines of {@code tokens} words each. */
  static String[] pair(int tokens, long seed) {
    Random random = new Random(seed);
    return new String[] {line(random, tokens), line(random, tokens)};
  }

  private static String line(Random random, int tokens) {
    StringBuilder line = new StringBuilder(tokens * 5);
    for (int i = 0; i < tokens; i++) {
      line.append('w').append(random.nextInt(VOCABULARY)).append(' ');
    }
    return line.toString();
  }
}
