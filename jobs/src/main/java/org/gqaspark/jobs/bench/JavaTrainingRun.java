package org.gqaspark.jobs.bench;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.gqaspark.model.ForwardMode;
import org.gqaspark.model.LossResult;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.Seq2SeqBatch;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.training.optim.AdamW;
import org.gqaspark.training.optim.AdamWOptions;
import org.gqaspark.training.optim.GradientClipping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training throughput of the Java engine on one shape: the same step as the PyTorch
 * baseline (zero gradients, forward, backward, global-norm clipping to 1.0, one AdamW step)
 * on a random batch without padding, with dropout on.
 */
final class JavaTrainingRun {

  private static final Logger LOG = LoggerFactory.getLogger(JavaTrainingRun.class);

  /**
   * Seconds of the timed steps: wall-clock in total and per phase, and the CPU time of the
   * whole process (all threads), which shared cores disturb less than wall-clock time.
   */
  record Result(String backend, double seconds, double cpuSeconds,
      double forwardBackwardSeconds, double optimizerSeconds, double otherSeconds,
      double lastLoss, int steps, int targetTokensPerStep) {

    double targetTokensPerSecond() {
      return targetTokensPerStep * (double) steps / seconds;
    }
  }

  private JavaTrainingRun() {}

  static Result measure(TrainBenchShape shape, int keyValueHeads, int threads, int steps,
      int warmupSteps) {
    T5Config config = shape.config(keyValueHeads);
    try (FloatCompute compute = FloatCompute.withThreads(threads)) {
      ParameterStore store = ParameterStore.forModel(config, compute);
      T5Initializer.initialize(store, config, 0);
      T5Model model = new T5Model(config, store);
      AdamW optimizer = new AdamW(store, AdamWOptions.DEFAULTS);
      Seq2SeqBatch batch = randomBatch(shape, config);
      LOG.info("Java {} with {} key/value heads: {} parameters on {}", shape.name(),
          keyValueHeads, store.parameterCount(), compute.description());

      long forwardBackward = 0;
      long optimizerTime = 0;
      long other = 0;
      double loss = Double.NaN;
      long start = 0;
      long cpuStart = 0;
      for (int step = 1; step <= warmupSteps + steps; step++) {
        if (step == warmupSteps + 1) {
          forwardBackward = 0;
          optimizerTime = 0;
          other = 0;
          start = System.nanoTime();
          cpuStart = processCpuNanos();
        }
        long t0 = System.nanoTime();
        store.zeroGradients();
        long t1 = System.nanoTime();
        LossResult result = model.forwardBackward(batch, ForwardMode.train(step));
        long t2 = System.nanoTime();
        GradientClipping.clipGlobalNorm(store, 1.0);
        long t3 = System.nanoTime();
        optimizer.step(1e-4);
        long t4 = System.nanoTime();
        forwardBackward += t2 - t1;
        optimizerTime += t4 - t3;
        other += (t1 - t0) + (t3 - t2);
        loss = result.mean();
        LOG.info("Java {} step {}: loss {}, {} ms", shape.name(), step,
            String.format("%.4f", loss), (t4 - t0) / 1_000_000);
      }
      double seconds = (System.nanoTime() - start) * 1e-9;
      double cpuSeconds = (processCpuNanos() - cpuStart) * 1e-9;
      return new Result(compute.description(), seconds, cpuSeconds, forwardBackward * 1e-9,
          optimizerTime * 1e-9, other * 1e-9, loss, steps, shape.targetTokens());
    }
  }

  /** CPU time of this JVM, all threads, in nanoseconds; -1 where the JVM does not report it. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Random source and target ids in [2, V), no padding, as the baseline draws them. */
  private static Seq2SeqBatch randomBatch(TrainBenchShape shape, T5Config config) {
    SplittableRandom random = new SplittableRandom(0);
    int tokens = shape.batch() * shape.length();
    int[] inputIds = new int[tokens];
    int[] labels = new int[tokens];
    int[] mask = new int[tokens];
    for (int i = 0; i < tokens; i++) {
      inputIds[i] = random.nextInt(2, shape.vocabSize());
      labels[i] = random.nextInt(2, shape.vocabSize());
      mask[i] = 1;
    }
    return Seq2SeqBatch.fromLabels(shape.batch(), shape.length(), shape.length(), inputIds,
        mask, labels, mask.clone(), config);
  }
}
