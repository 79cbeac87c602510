package org.gqaspark.model.compute;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs loop bodies over index ranges on a fixed number of granted threads: the calling
 * thread plus {@code threads - 1} workers. A loop started from inside another loop's body
 * runs on the calling thread alone, so nesting never exceeds the grant.
 *
 * <p>NOTE: a stand-in until the tensor package's shared compute pool is available; it keeps
 * the same contract (never more active threads than granted).
 */
public final class ParallelLoop implements AutoCloseable {

  /** A loop body over the indices [start, end). */
  @FunctionalInterface
  public interface RangeBody {
    void run(int start, int end);
  }

  /** Chunks per thread, so that uneven chunks still balance. */
  private static final int CHUNKS_PER_THREAD = 4;
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
  private static final ThreadLocal<Boolean> INSIDE_LOOP = ThreadLocal.withInitial(() -> false);

  private final int threads;
  private final ExecutorService workers;

  public ParallelLoop(int threads) {
    if (threads < 1) {
      throw ComputeErrors.invalidThreads(threads);
    }
    this.threads = threads;
    this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1,
        daemonThreads("gqa-compute-" + POOL_NUMBER.incrementAndGet()));
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over [0, count) in chunks of at least {@code minChunk} indices and
   * returns when all chunks are done. The first exception of any chunk is rethrown.
   */
  public void forRange(int count, int minChunk, RangeBody body) {
    int chunks = (int) Math.min((long) threads * CHUNKS_PER_THREAD,
        (count + (long) Math.max(minChunk, 1) - 1) / Math.max(minChunk, 1));
    if (threads == 1 || chunks <= 1 || INSIDE_LOOP.get()) {
      if (count > 0) {
        body.run(0, count);
      }
      return;
    }

    int runners = Math.min(threads, chunks);
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch helpersDone = new CountDownLatch(runners - 1);
    Runnable runner = () -> runChunks(count, chunks, nextChunk, failure, body);
    for (int r = 1; r < runners; r++) {
      workers.execute(() -> {
        try {
          runner.run();
        } finally {
          helpersDone.countDown();
        }
      });
    }
    runner.run();
    awaitUninterruptibly(helpersDone);

    Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
  }

  private static void runChunks(int count, int chunks, AtomicInteger nextChunk,
      AtomicReference<Throwable> failure, RangeBody body) {
    INSIDE_LOOP.set(true);
    try {
      for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
        if (failure.get() != null) {
          return;
        }
        int start = (int) ((long) count * c / chunks);
        int end = (int) ((long) count * (c + 1) / chunks);
        body.run(start, end);
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    } finally {
      INSIDE_LOOP.set(false);
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }
}
