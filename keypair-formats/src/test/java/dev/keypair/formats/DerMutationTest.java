package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.Fixtures;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenSSH {@code test_fuzz} sweep over DER fixtures (HOSTILE 3, 4): every truncation (each prefix and
 * each suffix) and every single-byte change (all 255 other values at each offset, so every bit flip too)
 * gives either a key that re-encodes to exactly the mutated bytes, or a {@link KeyPairException}.
 * Nothing else escapes, and nothing is accepted that is not the canonical encoding of what was read.
 */
class DerMutationTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  @ParameterizedTest
  @ValueSource(strings = {"rsa1024", "ecdsa256", "ecdsa521", "dsa1024", "ed25519_openssl"})
  void spkiSweep(String name) {
    byte[] der = Base64.getDecoder().decode(Fixtures.line(name + ".der.b64"));
    int accepted = sweep(der, d -> SubjectPublicKeyInfo.encode(SubjectPublicKeyInfo.decode(d, LIMITS)));
    if (!name.startsWith("ecdsa")) {
      // changed modulus, y or Ed25519 bytes are often still a valid key; a changed EC point never is on the curve
      assertThat(accepted).as("accepted mutations of %s", name).isGreaterThan(0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa1024", "rsa2049"})
  void pkcs1Sweep(String name) {
    byte[] der = PemBlocks.parseSingle(Fixtures.bytes(name + ".pkcs1.pem"), LIMITS, "fixture").der();
    sweep(der, d -> Pkcs1.encode(Pkcs1.decodeRsaPublicKey(d, LIMITS)));
  }

  /** Runs {@code roundTrip} on every mutation; returns how many mutations were accepted. */
  private static int sweep(byte[] original, Function<byte[], byte[]> roundTrip) {
    assertThat(roundTrip.apply(original)).isEqualTo(original);
    int accepted = 0;
    for (int n = 0; n < original.length; n++) {
      accepted += check(Arrays.copyOf(original, n), roundTrip, "prefix of " + n);
      accepted += check(Arrays.copyOfRange(original, original.length - n, original.length), roundTrip,
          "suffix of " + n);
    }
    byte[] m = original.clone();
    for (int i = 0; i < m.length; i++) {
      for (int v = 0; v < 256; v++) {
        if ((byte) v == original[i]) {
          continue;
        }
        m[i] = (byte) v;
        accepted += check(m, roundTrip, "byte " + i + " = " + v);
      }
      m[i] = original[i];
    }
    return accepted;
  }

  private static int check(byte[] input, Function<byte[], byte[]> roundTrip, String what) {
    byte[] out;
    try {
      out = roundTrip.apply(input);
    } catch (KeyPairException expected) {
      return 0;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return fail("%s escaped as %s", what, e);
    }
    if (!Arrays.equals(out, input)) {
      fail("%s was accepted but re-encodes differently", what);
    }
    return 1;
  }
}
