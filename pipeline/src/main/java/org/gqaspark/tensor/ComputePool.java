package org.gqaspark.tensor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A fixed set of compute threads for data-parallel loops, sized by the number of threads a
 * caller was granted (for a Spark task, {@code spark.task.cpus}).
 *
 * <p>Thread budget: a pool of {@code threads} starts {@code threads - 1} workers when it is
 * created, and the thread that calls {@link #parallelFor} works as the last one, so a loop
 * runs on at most {@code threads} threads. No thread is started per call. Loops submitted
 * from several threads at once run one after another. A loop started from inside a loop body
 * (of this or any other pool, for example a {@link Gemm} called per attention head) runs
 * sequentially on the calling thread, so nesting never multiplies the thread count.
 *
 * <p>Close the pool to stop its workers; they are daemon threads, so a pool that is never
 * closed does not keep the JVM alive.
 */
public final class ComputePool implements AutoCloseable {

  private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();

  /** Whether the current thread is running a loop body of some pool. */
  private static final ThreadLocal<Boolean> IN_LOOP_BODY = ThreadLocal.withInitial(() -> false);

  private final String name;
  private final int threads;
  /** threads - 1 workers, or null for a single-threaded pool. */
  private final ThreadPoolExecutor workers;
  private final ReentrantLock loopLock = new ReentrantLock();
  private volatile boolean closed;

  /** Body of a loop over a contiguous range of indices. */
  @FunctionalInterface
  public interface RangeBody {
    /** Processes indices start (inclusive) to end (exclusive). */
    void run(int start, int end);
  }

  /**
   * Creates a pool and starts its {@code threads - 1} workers.
   *
   * @param threads the number of threads loops may use, the caller's included; at least 1
   * @param name prefix of the pool's name, which gets a number to make it unique in the JVM
   */
  public ComputePool(int threads, String name) {
    if (threads < 1) {
      throw TensorErrors.invalidThreadCount("compute pool " + name, threads);
    }
    this.name = name + "-" + POOL_NUMBERS.incrementAndGet();
    this.threads = threads;
    if (threads == 1) {
      this.workers = null;
      return;
    }
    AtomicInteger created = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(threads - 1, threads - 1, 0L, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, this.name + "-" + created.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.workers.prestartAllCoreThreads();
  }

  /** Maximum number of threads one loop runs on, the calling thread included. */
  public int threads() {
    return threads;
  }

  /** Pool name, unique in this JVM; its workers are named after it with a suffix "-i". */
  public String name() {
    return name;
  }

  /** Returns whether the current thread is inside a loop body, where nested loops run inline. */
  public static boolean inLoopBody() {
    return IN_LOOP_BODY.get();
  }

  /**
   * Runs {@code body.accept(i)} once for every i in [0, count), spread over the pool's
   * threads in no fixed order, and returns when all have finished. Indices are handed out one
   * at a time, so bodies of uneven cost balance themselves.
   *
   * <p>If a body throws, the remaining indices are skipped and the first exception is
   * rethrown here once the bodies already running have finished; later ones are attached as
   * suppressed exceptions.
   *
   * @throws IllegalStateException if the pool is closed
   */
  public void parallelFor(int count, IntConsumer body) {
    if (closed) {
      throw TensorErrors.poolClosed(name);
    }
    if (count <= 0) {
      return;
    }
    if (workers == null || count == 1 || IN_LOOP_BODY.get()) {
      runSequentially(count, body);
      return;
    }

    loopLock.lock();
    try {
      if (closed) {
        throw TensorErrors.poolClosed(name);
      }
      Loop loop = new Loop(count, body, Math.min(threads, count));
      for (int helper = 1; helper < loop.participants; helper++) {
        workers.execute(loop::work);
      }
      loop.work();
      loop.awaitAll();
      loop.rethrowFailure();
    } finally {
      loopLock.unlock();
    }
  }

  /**
   * Splits [0, count) into at most {@link #threads()} contiguous ranges of at least
   * {@code minRange} indices (except when count itself is smaller) and runs
   * {@code body.run(start, end)} once per range, as {@link #parallelFor} does.
   */
  public void parallelForRanges(int count, int minRange, RangeBody body) {
    if (count <= 0) {
      return;
    }
    int ranges = Math.max(1, Math.min(threads, count / Math.max(1, minRange)));
    int base = count / ranges;
    int extra = count % ranges;
    parallelFor(ranges, range -> {
      // The first `extra` ranges take one index more, so lengths differ by at most one.
      int start = range * base + Math.min(range, extra);
      int end = start + base + (range < extra ? 1 : 0);
      body.run(start, end);
    });
  }

  /** Stops the workers after the loop in progress, if any, has finished. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (workers == null) {
      return;
    }
    loopLock.lock();
    try {
      workers.shutdown();
    } finally {
      loopLock.unlock();
    }
  }

  private static void runSequentially(int count, IntConsumer body) {
    boolean outer = !IN_LOOP_BODY.get();
    IN_LOOP_BODY.set(true);
    try {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
    } finally {
      if (outer) {
        IN_LOOP_BODY.set(false);
      }
    }
  }

  /** One parallel loop: a shared index counter and a latch that counts finished threads. */
  private static final class Loop {
    private final int count;
    private final IntConsumer body;
    private final int participants;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch finished;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Loop(int count, IntConsumer body, int participants) {
      this.count = count;
      this.body = body;
      this.participants = participants;
      this.finished = new CountDownLatch(participants);
    }

    void work() {
      IN_LOOP_BODY.set(true);
      try {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          body.accept(i);
        }
      } catch (Throwable t) {
        next.set(count);
        if (!failure.compareAndSet(null, t)) {
          failure.get().addSuppressed(t);
        }
      } finally {
        IN_LOOP_BODY.set(false);
        finished.countDown();
      }
    }

    /**
     * Waits for every participant. An interrupt does not cut the wait short, because the
     * bodies still use the caller's arrays; it is restored for the caller afterwards.
     */
    void awaitAll() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void rethrowFailure() {
      Throwable t = failure.get();
      if (t == null) {
        return;
      }
      if (t instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (t instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("A parallel loop body failed: " + t, t);
    }
  }
}
