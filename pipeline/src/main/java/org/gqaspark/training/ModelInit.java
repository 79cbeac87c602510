package org.gqaspark.training;

import org.gqaspark.model.T5Config;

/** The source of a new run's weights. A resumed run takes its own checkpoint instead. */
public sealed interface ModelInit {

  /** Hugging Face's random initialisation of a model of this config ({@code T5Initializer}). */
  record Random(T5Config config, long seed) implements ModelInit {}

  /**
   * A model checkpoint directory (local path or Hadoop URI).
   *
   * @param dropoutRate replaces the checkpoint's dropout rate; null keeps it
   */
  record Checkpoint(String path, Double dropoutRate) implements ModelInit {}
}
