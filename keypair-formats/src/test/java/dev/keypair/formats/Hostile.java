package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions for hostile input: the error code, the message rules, the time budget. */
public final class Hostile {

  private Hostile() {}

  /**
   * Runs {@code call}, asserts it throws {@link KeyPairException} with {@code code} and a one-line
   * message, and returns the exception.
   */
  public static KeyPairException assertFails(ErrorCode code, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected %s", code).isInstanceOf(KeyPairException.class);
    KeyPairException e = (KeyPairException) t;
    assertThat(e.code()).as("code of: %s", e.getMessage()).isEqualTo(code);
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    return e;
  }

  /**
   * What refusing a hostile length may allocate on the test's thread: the exception, its message, the
   * assertion's own objects. An allocation of a declared length (2^31 - 1 bytes in HOSTILE 1) or of
   * anything the size of the input cap (1 MiB) exceeds it.
   */
  static final long SMALL_ALLOCATION = 256 << 10;

  /**
   * Asserts that {@code call} fails with {@code code} and allocates less than {@link #SMALL_ALLOCATION}
   * on this thread while doing so (HOSTILE 1: no allocation larger than the input). It runs once first,
   * so that class loading and first-use initialisation do not count; the count is the JVM's per-thread
   * allocation counter.
   */
  public static KeyPairException assertFailsWithoutLargeAllocation(ErrorCode code, ThrowingCallable call) {
    assertFails(code, call);
    long before = allocatedBytes();
    KeyPairException e = assertFails(code, call);
    long allocated = allocatedBytes() - before;
    assertThat(allocated).as("bytes allocated to refuse (%s)", e.getMessage()).isLessThan(SMALL_ALLOCATION);
    return e;
  }

  /**
   * The bytes this thread has allocated so far ({@code com.sun.management.ThreadMXBean}), called
   * reflectively: the modules under test do not read {@code jdk.management}, which the JVM has loaded.
   */
  private static long allocatedBytes() {
    try {
      Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
          .invoke(null);
      long bytes = (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
          .invoke(threads);
      if (bytes < 0) {
        throw new AssertionError("this JVM does not count allocations per thread");
      }
      return bytes;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no per-thread allocation counter in this JVM", e);
    }
  }

  /**
   * How many times a budget may be exceeded before the test fails ({@code -Dkeypair.hostile.slack},
   * default 5). These are not speed measurements (those are JMH benchmarks): they catch hangs and work
   * that grows with the input where it should not, which exceed their budgets by orders of magnitude,
   * while a loaded CI machine or a GC pause must not fail the build.
   */
  static final int SLACK = Integer.getInteger("keypair.hostile.slack", 5);

  /**
   * Asserts that {@code call} fails with {@code code} within {@code budget} (HOSTILE.md). It runs once
   * untimed, so class loading and the first compilation do not count, then up to 5 times, and the
   * fastest run must be within {@code budget} times {@link #SLACK}.
   */
  public static KeyPairException assertFailsWithin(Duration budget, ErrorCode code, ThrowingCallable call) {
    KeyPairException e = assertFails(code, call);
    long best = Long.MAX_VALUE;
    long allowed = budget.toNanos() * SLACK;
    for (int i = 0; i < 5 && best > budget.toNanos(); i++) {
      long start = System.nanoTime();
      e = assertFails(code, call);
      best = Math.min(best, System.nanoTime() - start);
    }
    assertThat(Duration.ofNanos(best)).as("fastest time to refuse, budget %s x %d (%s)", budget, SLACK, e.getMessage())
        .isLessThanOrEqualTo(Duration.ofNanos(allowed));
    return e;
  }

  /**
   * Asserts that {@code call} completes normally within {@code budget}: the fastest of up to 5 runs
   * (after one untimed run), with {@link #SLACK}.
   */
  public static void assertRunsWithin(Duration budget, ThrowingCallable call) {
    try {
      call.call();
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 5 && best > budget.toNanos(); i++) {
        long start = System.nanoTime();
        call.call();
        best = Math.min(best, System.nanoTime() - start);
      }
      assertThat(Duration.ofNanos(best)).as("fastest run, budget %s x %d", budget, SLACK)
          .isLessThanOrEqualTo(budget.multipliedBy(SLACK));
    } catch (Throwable t) {
      throw t instanceof AssertionError ? (AssertionError) t : new AssertionError(t);
    }
  }

  /** {@code depth} SEQUENCEs nested in each other, the innermost empty: {@code 30 L 30 L ... 30 00}. */
  public static byte[] nestedSequences(int depth) {
    int[] content = new int[depth];
    for (int i = depth - 2; i >= 0; i--) {
      content[i] = headerLength(content[i + 1]) + content[i + 1];
    }
    byte[] out = new byte[headerLength(content[0]) + content[0]];
    int o = 0;
    for (int i = 0; i < depth; i++) {
      int len = content[i];
      out[o++] = 0x30;
      if (len < 0x80) {
        out[o++] = (byte) len;
      } else {
        int n = headerLength(len) - 2;
        out[o++] = (byte) (0x80 | n);
        for (int k = n - 1; k >= 0; k--) {
          out[o++] = (byte) (len >>> (8 * k));
        }
      }
    }
    return out;
  }

  private static int headerLength(int contentLength) {
    if (contentLength < 0x80) {
      return 2;
    }
    return contentLength < 0x100 ? 3 : contentLength < 0x10000 ? 4 : 5;
  }
}
