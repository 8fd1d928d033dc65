package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.keypair.core.KeyPairException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * OpenSSH's {@code test_fuzz} sweep (HOSTILE 3, 4), shared by the mutation tests of every format: each
 * prefix and each suffix of a fixture, then changes of each byte. Every mutation must give a
 * {@link KeyPairException} with a one-line message, or be accepted by the test's decoder, which asserts
 * what "accepted" has to mean for its format (the key re-encodes to the mutated bytes, or is the
 * original key); nothing else may escape (an OutOfMemoryError included: the tests run with the
 * Surefire heap of {@code -Xmx256m}, so an attempt to allocate a declared length fails the sweep). Each
 * decode has a time budget and the whole sweep a bound, enforced preemptively, so that a hang fails the
 * test instead of stalling the build.
 */
final class MutationSweep {

  /** Per decode without a KDF (HOSTILE's 100 ms). */
  static final Duration NO_KDF = Duration.ofMillis(100);
  /** Per decode where a (cheapest-cost) KDF may run. */
  static final Duration WITH_KDF = Duration.ofSeconds(2);
  /** A whole sweep: a generous hang-catcher, not a speed target (those are JMH benchmarks). */
  static final Duration SWEEP_BOUND = Duration.ofSeconds(30).multipliedBy(Hostile.SLACK);

  /** How a sweep changes each byte. */
  enum Changes {
    /** All 255 other values, so every bit flip and every byte flip. */
    ALL_VALUES,
    /** The 8 one-bit flips and the one-byte flip ({@code ^ 0xff}). */
    BITS_AND_COMPLEMENT,
    /**
     * The 8 one-bit flips, the one-byte flip, and a deterministic sample of other values: 0x00, 0xff,
     * the neighbours {@code b ± 1}, and two values that depend on the offset, so that every value is
     * tried somewhere in a fixture. For fixtures where all 255 values cost too much.
     */
    BITS_AND_SAMPLE,
    /**
     * For text formats: the 8 one-bit flips, the one-byte flip, and the characters that carry the
     * structure of the key texts (NUL, line ends, space, tab, quote, backslash, colon, comma, equals,
     * dash, a base64 letter, a UTF-8 lead byte).
     */
    TEXT,
    /** The one-byte flip only. */
    COMPLEMENT
  }

  /** Decodes one mutation; returns normally if it was accepted (and checked), throws if refused. */
  @FunctionalInterface
  interface Decoder {
    void decode(byte[] input) throws Exception;
  }

  /** What a sweep saw. */
  static final class Result {
    /** Mutations accepted. */
    int accepted;
    /** Refusals by error code id. */
    final Map<String, Integer> codes = new TreeMap<>();
    /** The slowest decode. */
    Duration slowest = Duration.ZERO;
  }

  private MutationSweep() {}

  /** {@link #sweep(byte[], IntFunction, Duration, Decoder)} with the same changes at every offset. */
  static Result sweep(byte[] original, Changes changes, Duration budget, Decoder decoder) {
    return sweep(original, offset -> changes, budget, decoder);
  }

  /**
   * Decodes {@code original}, which must be accepted, then every truncation from both ends and the
   * changes {@code changesAt} gives for each offset. Each decode must finish within {@code budget}
   * (times {@link Hostile#SLACK}; one over budget is timed again and the faster run counts, so that a
   * pause of the machine is not taken for the cost of the input), the whole sweep within
   * {@link #SWEEP_BOUND}.
   */
  static Result sweep(byte[] original, IntFunction<Changes> changesAt, Duration budget, Decoder decoder) {
    return assertTimeoutPreemptively(SWEEP_BOUND, () -> run(original, changesAt, budget, decoder),
        "the sweep took longer than its bound: a hang");
  }

  private static Result run(byte[] original, IntFunction<Changes> changesAt, Duration budget, Decoder decoder) {
    Result result = new Result();
    if (check(original.clone(), "the original", budget, decoder, result) != 1) {
      fail("the original was not accepted: %s", result.codes);
    }
    result.accepted = 0;
    for (int n = 0; n < original.length; n++) {
      check(Arrays.copyOf(original, n), "prefix of " + n, budget, decoder, result);
      check(Arrays.copyOfRange(original, original.length - n, original.length), "suffix of " + n, budget, decoder,
          result);
    }
    byte[] m = original.clone();
    for (int i = 0; i < m.length; i++) {
      for (int v : values(original[i] & 0xff, i, changesAt.apply(i))) {
        m[i] = (byte) v;
        check(m, "byte " + i + " = " + v, budget, decoder, result);
      }
      m[i] = original[i];
    }
    return result;
  }

  /** The values byte {@code b} at {@code offset} is changed to, never {@code b} itself, each once. */
  static int[] values(int b, int offset, Changes changes) {
    int[] candidates;
    switch (changes) {
      case ALL_VALUES:
        candidates = new int[256];
        for (int v = 0; v < 256; v++) {
          candidates[v] = v;
        }
        break;
      case BITS_AND_COMPLEMENT:
        candidates = new int[] {b ^ 1, b ^ 2, b ^ 4, b ^ 8, b ^ 16, b ^ 32, b ^ 64, b ^ 128, b ^ 0xff};
        break;
      case BITS_AND_SAMPLE:
        candidates = new int[] {b ^ 1, b ^ 2, b ^ 4, b ^ 8, b ^ 16, b ^ 32, b ^ 64, b ^ 128, b ^ 0xff, 0, 0xff,
            (b + 1) & 0xff, (b - 1) & 0xff, (offset * 31 + 7) & 0xff, (offset * 97 + 128) & 0xff};
        break;
      case TEXT:
        candidates = new int[] {b ^ 1, b ^ 2, b ^ 4, b ^ 8, b ^ 16, b ^ 32, b ^ 64, b ^ 128, b ^ 0xff, 0, '\n', '\r',
            ' ', '\t', '"', '\\', ':', ',', '=', '-', 'A', 0xc3};
        break;
      default:
        candidates = new int[] {b ^ 0xff};
    }
    return Arrays.stream(candidates).filter(v -> v != b).distinct().toArray();
  }

  /** Decodes {@code input}; returns 1 if it was accepted. */
  private static int check(byte[] input, String what, Duration budget, Decoder decoder, Result result) {
    Duration took = Duration.ZERO;
    boolean accepted = false;
    String code = null;
    for (int run = 0; run < 2; run++) {
      long start = System.nanoTime();
      try {
        decoder.decode(input.clone());
        accepted = true;
      } catch (KeyPairException e) {
        assertThat(e.getMessage()).as("%s: message of %s", what, e.code()).doesNotContain("\n").doesNotContain("\r");
        accepted = false;
        code = e.code().id();
      } catch (AssertionError e) {
        throw new AssertionError(what + " was accepted wrongly: " + e.getMessage(), e);
      } catch (Exception | StackOverflowError | OutOfMemoryError e) {
        return fail("%s escaped as %s", what, e);
      }
      took = Duration.ofNanos(System.nanoTime() - start);
      if (took.compareTo(budget) <= 0) {
        break;
      }
    }
    assertThat(took).as("%s decoded in (budget x %d)", what, Hostile.SLACK)
        .isLessThanOrEqualTo(budget.multipliedBy(Hostile.SLACK));
    if (took.compareTo(result.slowest) > 0) {
      result.slowest = took;
    }
    if (accepted) {
      result.accepted++;
      return 1;
    }
    result.codes.merge(code, 1, Integer::sum);
    return 0;
  }
}
