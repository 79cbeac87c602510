package org.gqaspark.tensor;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Gemm} on the system BLAS (usually OpenBLAS) through netlib-java's JNI bridge.
 *
 * <p>Row-major to column-major: a row-major [r, c] matrix with leading dimension ld is the
 * column-major [c, r] matrix, its transpose, with the same ld. So the row-major
 * {@code C = op(A) op(B)} is computed as the column-major {@code C^T = op(B)^T op(A)^T}: the
 * BLAS call swaps A with B and m with n and keeps each transpose flag.
 *
 * <p>Threads: OpenBLAS runs its own global thread pool, sized by
 * {@value NativeBlas#THREADS_VARIABLE} when the library loads (all cores when unset). Several
 * Spark tasks per executor would then each start that many threads and oversubscribe the
 * cores, so Spark's "MLlib Linear Algebra Acceleration Guide" recommends single-threaded
 * native BLAS. This backend
 * therefore expects {@code OPENBLAS_NUM_THREADS=1} (set by {@code bin/gqa}; on a cluster set
 * {@code spark.executorEnv.OPENBLAS_NUM_THREADS=1}), warns once when it is not 1, and runs the
 * granted threads itself: C is split into blocks, one single-threaded BLAS call per block on
 * the {@link ComputePool}.
 */
public final class NativeGemm implements Gemm {

  private static final Logger LOG = LoggerFactory.getLogger(NativeGemm.class);
  private static final AtomicBoolean THREADS_WARNING_LOGGED = new AtomicBoolean();

  /** Block granularity in rows and columns, so that BLAS's own edge handling stays rare. */
  private static final int BLOCK_ALIGN = 16;

  private final NativeBLAS blas;
  private final String name;
  private final ComputePool pool;
  private final boolean ownsPool;

  /**
   * Creates a backend with its own pool of {@code threads} threads.
   *
   * @throws TensorErrors.BackendUnavailableException with the reason when no native BLAS
   *     loads; check {@link NativeBlas#status()} first to fall back without an exception
   */
  public NativeGemm(int threads) {
    this(NativeBlas.require(), new ComputePool(threads, "gqa-blas"), true);
  }

  /** Creates a backend on a pool owned by the caller; {@link #close()} leaves it running. */
  public static NativeGemm onPool(ComputePool pool) {
    return new NativeGemm(NativeBlas.require(), pool, false);
  }

  private NativeGemm(NativeBLAS blas, ComputePool pool, boolean ownsPool) {
    this.blas = blas;
    this.name = "native:" + NativeBlas.status().shortName();
    this.pool = pool;
    this.ownsPool = ownsPool;
    warnUnlessSingleThreaded();
  }

  @Override
  public void sgemm(
      boolean transA, boolean transB,
      int m, int n, int k,
      float alpha,
      float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb,
      float beta,
      float[] c, int cOffset, int ldc) {
    GemmCall call = new GemmCall(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset,
        ldb, beta, c, cOffset, ldc);
    GemmPartition.run(call, pool, BLOCK_ALIGN, BLOCK_ALIGN, this::multiplyBlock);
  }

  /** Computes one block with a column-major BLAS call on the transposed operands. */
  private void multiplyBlock(GemmCall call) {
    blas.sgemm(call.transB() ? "T" : "N", call.transA() ? "T" : "N",
        call.n(), call.m(), call.k(),
        call.alpha(),
        call.b(), call.bOffset(), call.ldb(),
        call.a(), call.aOffset(), call.lda(),
        call.beta(),
        call.c(), call.cOffset(), call.ldc());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int threads() {
    return pool.threads();
  }

  /** Stops the pool's threads if this backend created the pool. */
  @Override
  public void close() {
    if (ownsPool) {
      pool.close();
    }
  }

  private static void warnUnlessSingleThreaded() {
    String value = NativeBlas.threadsVariable().orElse(null);
    if ("1".equals(value) || !THREADS_WARNING_LOGGED.compareAndSet(false, true)) {
      return;
    }
    LOG.warn("{} is {}, so OpenBLAS runs its own thread pool on top of the threads this backend"
        + " is granted and oversubscribes the cores. Set {}=1 in the environment (bin/gqa does;"
        + " on Spark, spark.executorEnv.{}=1).", NativeBlas.THREADS_VARIABLE,
        value == null ? "unset" : "\"" + value + "\"", NativeBlas.THREADS_VARIABLE,
        NativeBlas.THREADS_VARIABLE);
  }
}
