package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenSSH {@code test_fuzz} sweep over puttygen fixtures (HOSTILE 3, 4): every truncation (each
 * prefix and each suffix), every 1-bit flip and every 1-byte flip ({@code ^ 0xff}) at each offset, of a
 * version 2 and a version 3 file, unencrypted and encrypted (Argon2id with 64 KiB and 1 pass). Each
 * mutation gives a {@link KeyPairException} or a key within the time bound; since the MAC covers the
 * whole file, a key is always the original key with the original comment (accepted mutations are the
 * harmless ones: a line end changed to CR, a missing final line end, an uppercase salt digit).
 */
class PuttyPrivateKeysMutationTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  /** Per mutation: a parse, or the 64 KiB KDF and a MAC; generous for a loaded machine's GC pauses. */
  /** Per mutation, with the shared slack: catches hangs and KDFs run on garbage, not speed. */
  private static final Duration BOUND = Duration.ofMillis(250L * Hostile.SLACK);

  @ParameterizedTest
  @ValueSource(strings = {"ed25519_v3.ppk", "ed25519_v2.ppk", "ed25519_v3_enc.ppk", "ed25519_v2_enc.ppk",
      "rsa2048_v3.ppk", "rsa2048_v2.ppk", "rsa2048_v3_enc.ppk", "rsa2048_v2_enc.ppk"})
  void sweep(String fixture) {
    byte[] original = PpkFixtures.bytes(fixture);
    Passphrase passphrase = PpkFixtures.passphrase();
    SshPrivateKey expected = PuttyPrivateKeys.decode(original, passphrase, LIMITS).requirePrivateKey();
    Sweep s = new Sweep(expected, passphrase);
    for (int n = 0; n < original.length; n++) {
      s.check(Arrays.copyOf(original, n), "prefix of " + n);
      s.check(Arrays.copyOfRange(original, original.length - n, original.length), "suffix of " + n);
    }
    byte[] m = original.clone();
    for (int i = 0; i < m.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        m[i] ^= (byte) (1 << bit);
        s.check(m, "bit " + bit + " of byte " + i);
        m[i] = original[i];
      }
      m[i] ^= (byte) 0xff;
      s.check(m, "byte " + i + " ^ 0xff");
      m[i] = original[i];
    }
    assertThat(s.worst).as("slowest mutation of %s", fixture).isLessThanOrEqualTo(BOUND);
    // the MAC is what catches a changed private blob, comment or public key
    assertThat(s.codes).containsKey(fixture.contains("_enc") ? ErrorCode.WRONG_PASSPHRASE.id() : ErrorCode.CORRUPT_KEY.id());
    assertThat(s.codes).containsKey(ErrorCode.FORMAT.id());
    assertThat(s.accepted).as("accepted mutations of %s (%s)", fixture, s.codes).isGreaterThan(0);
  }

  private static final class Sweep {
    final SshPrivateKey expected;
    final Passphrase passphrase;
    final Map<String, Integer> codes = new TreeMap<>();
    int accepted;
    Duration worst = Duration.ZERO;

    Sweep(SshPrivateKey expected, Passphrase passphrase) {
      this.expected = expected;
      this.passphrase = passphrase;
    }

    void check(byte[] input, String what) {
      long start = System.nanoTime();
      try {
        SshPrivateKey k = PuttyPrivateKeys.decode(input, passphrase, LIMITS).requirePrivateKey();
        if (!k.sameKey(expected) || !k.comment().equals(expected.comment())) {
          fail("%s was accepted as another key or comment", what);
        }
        accepted++;
      } catch (KeyPairException e) {
        codes.merge(e.code().id(), 1, Integer::sum);
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        fail("%s escaped as %s", what, e);
      } finally {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(worst) > 0) {
          worst = took;
        }
      }
    }
  }
}
