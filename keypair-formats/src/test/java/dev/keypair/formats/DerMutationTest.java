package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.MutationSweep.Changes;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.Fixtures;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The OpenSSH {@code test_fuzz} sweep over the public DER fixtures (HOSTILE 3, 4), with
 * {@link MutationSweep}: every truncation from either end and, for each byte, every other value (keys
 * under 2048 bits) or the bit flips, the byte flip and a deterministic sample of values (larger keys)
 * give either a key that re-encodes to exactly the mutated bytes, or a {@link
 * dev.keypair.core.KeyPairException}. Nothing is accepted that is not the canonical encoding of what was
 * read.
 */
class DerMutationTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  /** Every SPKI fixture: the tools' exports, and OpenSSL's Ed25519 key (ssh-keygen exports no Ed25519 SPKI). */
  static final List<String> SPKI_KEYS = Stream.concat(Fixtures.SPKI_KEYS.stream(), Stream.of("ed25519_openssl")).toList();
  static final List<String> RSA_KEYS = Fixtures.RSA_KEYS;

  private static Changes changesFor(byte[] der) {
    return der.length <= 300 ? Changes.ALL_VALUES : Changes.BITS_AND_SAMPLE;
  }

  @ParameterizedTest
  @FieldSource("SPKI_KEYS")
  void spkiSweep(String name) {
    byte[] der = Base64.getDecoder().decode(Fixtures.line(name + ".der.b64"));
    MutationSweep.Result r = MutationSweep.sweep(der, changesFor(der), MutationSweep.NO_KDF,
        d -> assertThat(SubjectPublicKeyInfo.encode(SubjectPublicKeyInfo.decode(d, LIMITS))).isEqualTo(d));
    if (!name.startsWith("ecdsa")) {
      // changed modulus, y or Ed25519 bytes are often still a valid key; a changed EC point never is on the curve
      assertThat(r.accepted).as("accepted mutations of %s", name).isGreaterThan(0);
    }
  }

  @ParameterizedTest
  @FieldSource("RSA_KEYS")
  void pkcs1Sweep(String name) {
    byte[] der = PemBlocks.parseSingle(Fixtures.bytes(name + ".pkcs1.pem"), LIMITS, "fixture").der();
    MutationSweep.sweep(der, changesFor(der), MutationSweep.NO_KDF,
        d -> assertThat(Pkcs1.encode(Pkcs1.decodeRsaPublicKey(d, LIMITS))).isEqualTo(d));
  }
}
