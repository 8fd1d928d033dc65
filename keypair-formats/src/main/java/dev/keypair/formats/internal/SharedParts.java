package dev.keypair.formats.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;

/**
 * Independent parts of one computation (the blocks of bcrypt_pbkdf's output, the lanes of an Argon2
 * segment), shared out between the calling thread and helpers on {@link ForkJoinPool#commonPool()}:
 * each thread claims the next part not yet claimed until none is left, so the caller never waits for a
 * helper that has not started (a busy pool, or one without workers, costs parallelism, never progress),
 * only for parts being computed. The caller starts with part 0.
 *
 * <p>{@link #run} returns when no part is being computed, so what the parts wrote happens-before its
 * return (the monitor below). An interrupt of the caller does not stop the parts (their threads hold
 * secrets they wipe); the caller waits for them and keeps its interrupt status. The first failure of
 * any part stops the claiming and is rethrown by {@link #run}.
 */
final class SharedParts {

  private final int count;
  private final IntConsumer part;
  /** Guarded by this: the next part to claim, the parts being computed, the first failure. */
  private int next;
  private int running;
  private Throwable failure;

  private SharedParts(int count, IntConsumer part) {
    this.count = count;
    this.part = part;
  }

  /**
   * Computes parts 0 to {@code count - 1}, with as many helpers as the common pool has workers (at most one
   * fewer than the parts); one part runs on the caller alone.
   */
  static void run(int count, IntConsumer part) {
    if (count == 1) {
      part.accept(0);
      return;
    }
    new SharedParts(count, part).run();
  }

  private void run() {
    int first = claim();
    int helpers = Math.min(count - 1, ForkJoinPool.getCommonPoolParallelism());
    try {
      for (int i = 0; i < helpers; i++) {
        ForkJoinPool.commonPool().execute(() -> work(claim()));
      }
    } catch (RejectedExecutionException e) {
      // no thread to be had: the caller computes every part no helper claims
    }
    work(first);
    awaitIdle();
    Throwable t;
    synchronized (this) {
      t = failure;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t != null) {
      throw (Error) t;
    }
  }

  /** The next part, or -1 when all are claimed or one has failed. */
  private synchronized int claim() {
    if (failure != null || next >= count) {
      return -1;
    }
    running++;
    return next++;
  }

  /** Computes {@code claimed} (-1 for none) and every part claimed after it. */
  private void work(int claimed) {
    for (int p = claimed; p >= 0; p = claim()) {
      Throwable thrown = null;
      try {
        part.accept(p);
      } catch (RuntimeException | Error e) {
        thrown = e;
      } finally {
        finished(thrown);
      }
    }
  }

  private synchronized void finished(Throwable thrown) {
    running--;
    if (failure == null) {
      failure = thrown;
    }
    notifyAll();
  }

  private synchronized void awaitIdle() {
    boolean interrupted = false;
    while (running > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
