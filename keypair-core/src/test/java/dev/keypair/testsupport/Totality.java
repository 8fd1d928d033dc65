package dev.keypair.testsupport;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every fuzz target checks (../shared/HOSTILE.md: every entry point is total): a call on outside
 * bytes returns, or throws {@link KeyPairException} with a one-line message. Anything else escapes the
 * target, and the fuzzer reports it as a finding.
 */
public final class Totality {

  /**
   * Caps for fuzz targets: every KDF parameter small, so that a parameter the fuzzer writes cannot stall a
   * run, yet large enough that the committed encrypted seeds decrypt (bcrypt 2 rounds, PBKDF2 2048
   * iterations of two blocks, Argon2 1 MiB over 2 passes, scrypt N=16).
   */
  public static final KeyPairLimits FUZZ_LIMITS = KeyPairLimits.builder()
      .maxBcryptRounds(4)
      .maxPbkdf2Iterations(4096)
      .maxKdfMemoryBytes(1 << 20)
      .maxArgon2Passes(2)
      .maxArgon2Work(2048)
      .maxKdfParallelism(4)
      .build();

  private Totality() {}

  /**
   * Runs {@code call}: its result, or empty if it refused with {@link KeyPairException} and a one-line
   * message. Any other throwable propagates; a result of {@code null} fails too.
   */
  public static <T> Optional<T> returnsOrRefuses(Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (KeyPairException e) {
      checkOneLine(e);
      return Optional.empty();
    }
    if (result == null) {
      throw new AssertionError("returned null instead of a result or a KeyPairException");
    }
    return Optional.of(result);
  }

  /** Fails unless the message of {@code e} is one non-blank line. */
  public static void checkOneLine(KeyPairException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
      throw new AssertionError("KeyPairException " + e.code() + " without a one-line message", e);
    }
  }
}
