package org.gqaspark.training.optim;

import org.gqaspark.model.ParameterStore;
import org.gqaspark.training.optim.HostParameters.Slot;

/**
 * Adafactor, the optimizer T5 was trained with, with the update of Hugging Face's
 * {@code transformers.optimization.Adafactor} (transformers 4.x).
 *
 * <p>For step t, with G the gradient and eps1, eps2 from the options:
 * <pre>
 *   rate   = (relative step ? min(warmup_init ? 1e-6 t : 1e-2, 1 / sqrt(t)) : lr)
 *            * (scale parameter ? max(eps2, RMS(p)) : 1)
 *   beta2t = 1 - t^decay_rate
 *   matrices (rank >= 2, factored over the last two dimensions [R, C]):
 *     row = beta2t row + (1 - beta2t) mean_C(G^2 + eps1)        [R]
 *     col = beta2t col + (1 - beta2t) mean_R(G^2 + eps1)        [C]
 *     U   = G / sqrt(row / mean(row)) / sqrt(col)
 *   vectors:
 *     v   = beta2t v + (1 - beta2t) (G^2 + eps1);   U = G / sqrt(v)
 *   U = rate * U / max(1, RMS(U) / clip_threshold)
 *   with beta1:  m = beta1 m + (1 - beta1) U;  U = m
 *   p = p - weight_decay * rate * p - U
 * </pre>
 *
 * State per parameter, with Hugging Face's names: {@code <name>.exp_avg_sq_row} and
 * {@code <name>.exp_avg_sq_col} for matrices, {@code <name>.exp_avg_sq} for vectors, and
 * {@code <name>.exp_avg} with beta1.
 */
public final class Adafactor extends StatefulOptimizer {

  private final AdafactorOptions options;
  private final float[] update; // U of one parameter at a time, sized for the largest

  public Adafactor(ParameterStore store, AdafactorOptions options) {
    super("Adafactor", store);
    this.options = options;
    for (Slot slot : parameters.slots()) {
      int[] shape = slot.shape();
      for (int dim : shape) {
        if (dim <= 0) {
          throw OptimErrors.invalidShape(slot.name(), shape);
        }
      }
      if (factored(shape)) {
        int columns = shape[shape.length - 1];
        int rows = slot.values().length / columns;
        int matrices = rows / shape[shape.length - 2];
        state.put(slot.name() + ".exp_avg_sq_row", new float[rows]);
        state.put(slot.name() + ".exp_avg_sq_col", new float[matrices * columns]);
      } else {
        state.put(slot.name() + ".exp_avg_sq", new float[slot.values().length]);
      }
      if (options.beta1().isPresent()) {
        state.put(slot.name() + ".exp_avg", new float[slot.values().length]);
      }
    }
    int largest = parameters.slots().stream().mapToInt(slot -> slot.values().length).max()
        .orElse(0);
    this.update = new float[largest];
  }

  private static boolean factored(int[] shape) {
    return shape.length >= 2;
  }

  @Override
  public void step(double learningRate) {
    steps++;
    double beta2t = 1.0 - Math.pow(steps, options.decayRate());
    for (Slot slot : parameters.slots()) {
      double rate = rate(slot, learningRate);

      // U = G / sqrt(second moment), written into the update buffer
      int size = slot.values().length;
      if (factored(slot.shape())) {
        factoredUpdate(slot, beta2t);
      } else {
        vectorUpdate(slot, beta2t);
      }

      // U = rate * U / max(1, RMS(U) / clip_threshold)
      double rms = Math.sqrt(parameters.sumOfSquares(update, size) / size);
      float scale = (float) (rate / Math.max(1.0, rms / options.clipThreshold()));
      apply(slot, scale, rate);
    }
  }

  /** Step size of one parameter: the relative or given rate, times the parameter scale. */
  private double rate(Slot slot, double learningRate) {
    double rate = learningRate;
    if (options.relativeStep()) {
      double minimum = options.warmupInit() ? 1e-6 * steps : 1e-2;
      rate = Math.min(minimum, 1.0 / Math.sqrt(steps));
    }
    if (options.scaleParameter()) {
      int size = slot.values().length;
      double rms = Math.sqrt(parameters.sumOfSquares(slot.values(), size) / size);
      rate *= Math.max(options.epsilon2(), rms);
    }
    return rate;
  }

  /** Vectors: v = beta2t v + (1 - beta2t)(G^2 + eps1); writes U = G / sqrt(v). */
  private void vectorUpdate(Slot slot, double beta2t) {
    float[] g = slot.gradients();
    float[] v = state.get(slot.name() + ".exp_avg_sq");
    float keep = (float) beta2t;
    float mix = (float) (1.0 - beta2t);
    float epsilon1 = (float) options.epsilon1();
    parameters.pool().parallelForRanges(g.length, HostParameters.CHUNK, (start, end) -> {
      for (int i = start; i < end; i++) {
        v[i] = keep * v[i] + mix * (g[i] * g[i] + epsilon1);
        update[i] = g[i] / (float) Math.sqrt(v[i]);
      }
    });
  }

  /**
   * Matrices [..., R, C]: updates the row and column statistics and writes
   * U = G / sqrt(row / mean(row)) / sqrt(col), per matrix of the leading dimensions.
   */
  private void factoredUpdate(Slot slot, double beta2t) {
    int[] shape = slot.shape();
    int columns = shape[shape.length - 1];
    int rowsPerMatrix = shape[shape.length - 2];
    float[] g = slot.gradients();
    int rows = g.length / columns;
    int matrices = rows / rowsPerMatrix;
    float[] row = state.get(slot.name() + ".exp_avg_sq_row");
    float[] col = state.get(slot.name() + ".exp_avg_sq_col");
    double epsilon1 = options.epsilon1();
    int rowChunk = Math.max(1, HostParameters.CHUNK / columns);

    // row = beta2t row + (1 - beta2t) mean over columns of (G^2 + eps1)
    parameters.pool().parallelForRanges(rows, rowChunk, (start, end) -> {
      for (int r = start; r < end; r++) {
        double sum = 0;
        for (int c = r * columns, last = c + columns; c < last; c++) {
          sum += (double) g[c] * g[c] + epsilon1;
        }
        row[r] = (float) (beta2t * row[r] + (1.0 - beta2t) * (sum / columns));
      }
    });

    // col = beta2t col + (1 - beta2t) mean over the rows of each matrix of (G^2 + eps1)
    parameters.pool().parallelForRanges(matrices * columns, 64, (start, end) -> {
      for (int index = start; index < end; index++) {
        int matrix = index / columns;
        int c = index % columns;
        double sum = 0;
        for (int r = matrix * rowsPerMatrix; r < (matrix + 1) * rowsPerMatrix; r++) {
          float value = g[r * columns + c];
          sum += (double) value * value + epsilon1;
        }
        col[index] = (float) (beta2t * col[index] + (1.0 - beta2t) * (sum / rowsPerMatrix));
      }
    });

    // r_factor = 1 / sqrt(row / mean(row)) per matrix;  c_factor = 1 / sqrt(col)
    float[] rowFactor = new float[rows];
    for (int matrix = 0; matrix < matrices; matrix++) {
      double mean = 0;
      for (int r = matrix * rowsPerMatrix; r < (matrix + 1) * rowsPerMatrix; r++) {
        mean += row[r];
      }
      mean /= rowsPerMatrix;
      for (int r = matrix * rowsPerMatrix; r < (matrix + 1) * rowsPerMatrix; r++) {
        rowFactor[r] = (float) (1.0 / Math.sqrt(row[r] / mean));
      }
    }
    float[] colFactor = new float[col.length];
    for (int i = 0; i < col.length; i++) {
      colFactor[i] = (float) (1.0 / Math.sqrt(col[i]));
    }

    // U = r_factor * c_factor * G
    parameters.pool().parallelForRanges(rows, rowChunk, (start, end) -> {
      for (int r = start; r < end; r++) {
        int colBase = (r / rowsPerMatrix) * columns;
        for (int c = 0; c < columns; c++) {
          int i = r * columns + c;
          update[i] = rowFactor[r] * colFactor[colBase + c] * g[i];
        }
      }
    });
  }

  /** Scales U, folds it into the first moment when there is one, and updates p. */
  private void apply(Slot slot, float scale, double rate) {
    float[] p = slot.values();
    float[] m = state.get(slot.name() + ".exp_avg");
    float beta1 = (float) options.beta1().orElse(0.0);
    float mix1 = (float) (1.0 - options.beta1().orElse(0.0));
    float decay = (float) (options.weightDecay() * rate);
    parameters.pool().parallelForRanges(p.length, HostParameters.CHUNK, (start, end) -> {
      for (int i = start; i < end; i++) {
        float u = update[i] * scale;
        if (m != null) {
          m[i] = beta1 * m[i] + mix1 * u;
          u = m[i];
        }
        p[i] = p[i] - decay * p[i] - u;
      }
    });
  }

  @Override
  public String description() {
    return name() + options;
  }
}
