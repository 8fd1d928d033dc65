package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.MutationSweep.Changes;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The OpenSSH {@code test_fuzz} sweep over puttygen fixtures (HOSTILE 3, 4), with {@link MutationSweep}:
 * every truncation from either end, every 1-bit flip and every 1-byte flip ({@code ^ 0xff}) at each
 * offset, of the version 2 and version 3 files of every key type, unencrypted and encrypted (version 3 with
 * Argon2id at 64 KiB and 1 pass, the cheapest puttygen writes). Each mutation gives a
 * {@link dev.keypair.core.KeyPairException} or a key within the time bound; since the MAC covers the
 * whole file, a key is always the original key with the original comment (accepted mutations are the
 * harmless ones: a line end changed to CR, a missing final line end, an uppercase salt digit).
 */
class PuttyPrivateKeysMutationTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  /** Per mutation: a parse, or the 64 KiB KDF and a MAC. */
  private static final Duration BUDGET = Duration.ofMillis(250);

  /** Every key type of the fixtures in versions 2 and 3, unencrypted and encrypted. */
  static final List<String> FIXTURES = Stream.of("ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa2048", "rsa4096",
      "dsa1024").flatMap(k -> Stream.of("_v2.ppk", "_v3.ppk", "_v2_enc.ppk", "_v3_enc.ppk").map(v -> k + v)).toList();

  @ParameterizedTest
  @FieldSource("FIXTURES")
  void sweep(String fixture) {
    byte[] original = PpkFixtures.bytes(fixture);
    Passphrase passphrase = PpkFixtures.passphrase();
    SshPrivateKey expected = PuttyPrivateKeys.decode(original, passphrase, LIMITS).requirePrivateKey();
    MutationSweep.Result r = MutationSweep.sweep(original, Changes.BITS_AND_COMPLEMENT, BUDGET, input -> {
      SshPrivateKey k = PuttyPrivateKeys.decode(input, passphrase, LIMITS).requirePrivateKey();
      assertThat(k.sameKey(expected) && k.comment().equals(expected.comment()))
          .as("the original key and comment").isTrue();
    });
    // the MAC is what catches a changed private blob, comment or public key
    assertThat(r.codes).containsKey(fixture.contains("_enc") ? ErrorCode.WRONG_PASSPHRASE.id() : ErrorCode.CORRUPT_KEY.id());
    assertThat(r.codes).containsKey(ErrorCode.FORMAT.id());
    assertThat(r.accepted).as("accepted mutations of %s (%s)", fixture, r.codes).isGreaterThan(0);
  }
}
