package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

  /** Counts bodies running at once and records the highest count seen. */
  private static final class ConcurrencyProbe {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();

    void enter() {
      int now = running.incrementAndGet();
      maxRunning.accumulateAndGet(now, Math::max);
    }

    void exit() {
      running.decrementAndGet();
    }
  }

  @Test
  void visitsEveryIndexOnce() {
    try (ComputePool pool = new ComputePool(3, "test-visit")) {
      AtomicIntegerArray visits = new AtomicIntegerArray(1000);
      pool.parallelFor(1000, visits::incrementAndGet);
      for (int i = 0; i < 1000; i++) {
        assertEquals(1, visits.get(i), "visits of index " + i);
      }
    }
  }

  @Test
  void rangesCoverCountWithoutOverlap() {
    try (ComputePool pool = new ComputePool(4, "test-ranges")) {
      AtomicIntegerArray visits = new AtomicIntegerArray(103);
      AtomicInteger ranges = new AtomicInteger();
      pool.parallelForRanges(103, 10, (start, end) -> {
        ranges.incrementAndGet();
        for (int i = start; i < end; i++) {
          visits.incrementAndGet(i);
        }
      });
      for (int i = 0; i < 103; i++) {
        assertEquals(1, visits.get(i), "visits of index " + i);
      }
      assertEquals(4, ranges.get(), "ranges for 103 indices on 4 threads");
    }
  }

  @Test
  void neverExceedsGrantedThreads() throws InterruptedException {
    int granted = 3;
    ConcurrencyProbe probe = new ConcurrencyProbe();
    try (ComputePool pool = new ComputePool(granted, "test-bound")) {
      // Four callers submit loops at once, and every body also starts a nested loop.
      List<Thread> callers = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      for (int caller = 0; caller < 4; caller++) {
        Thread thread = new Thread(() -> {
          awaitQuietly(start);
          for (int round = 0; round < 20; round++) {
            pool.parallelFor(16, i -> {
              probe.enter();
              try {
                pool.parallelFor(4, j -> spin());
              } finally {
                probe.exit();
              }
            });
          }
        });
        callers.add(thread);
        thread.start();
      }
      start.countDown();
      for (Thread thread : callers) {
        thread.join(TimeUnit.MINUTES.toMillis(2));
        assertTrue(!thread.isAlive(), "caller still running after 2 minutes: deadlock?");
      }
    }
    assertTrue(probe.maxRunning.get() <= granted,
        "at most " + granted + " bodies at once, saw " + probe.maxRunning.get());
  }

  @Test
  void usesMoreThanOneThread() {
    try (ComputePool pool = new ComputePool(2, "test-parallel")) {
      CountDownLatch bothRunning = new CountDownLatch(2);
      AtomicInteger met = new AtomicInteger();
      pool.parallelFor(2, i -> {
        bothRunning.countDown();
        try {
          if (bothRunning.await(30, TimeUnit.SECONDS)) {
            met.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertEquals(2, met.get(), "bodies that ran at the same time as the other");
    }
  }

  @Test
  void rethrowsFirstFailure() {
    try (ComputePool pool = new ComputePool(2, "test-failure")) {
      IllegalStateException failure = new IllegalStateException("body 5 failed");
      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> pool.parallelFor(10, i -> {
            if (i == 5) {
              throw failure;
            }
          }));
      assertSame(failure, thrown);
      AtomicInteger after = new AtomicInteger();
      pool.parallelFor(10, i -> after.incrementAndGet());
      assertEquals(10, after.get(), "bodies run by the next loop");
    }
  }

  @Test
  void rejectsLoopAfterClose() {
    ComputePool pool = new ComputePool(2, "test-closed");
    pool.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> pool.parallelFor(3, i -> { }));
    assertEquals("Compute pool " + pool.name() + " is closed; create a new pool or stop using"
        + " it after close().", e.getMessage());
  }

  @Test
  void rejectsZeroThreads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ComputePool(0, "test-zero"));
    assertTrue(e.getMessage().startsWith("Invalid thread count for compute pool test-zero: must"
        + " be >= 1 but got 0."), e.getMessage());
  }

  private static void spin() {
    long until = System.nanoTime() + 20_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
