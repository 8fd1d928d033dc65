package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.KeyProtection.Argon2Variant;
import dev.keypair.formats.PuttyPrivateKeys;
import dev.keypair.testkit.SshKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * PPK round trips over every key type keypair writes, both versions, with and without encryption (Argon2 of
 * every variant with tiny costs), on the testkit's keys and comments. What re-encrypting changes, and
 * totality, are keypair-formats' {@code PuttyPrivateKeysProperties}.
 */
class PuttyPrivateKeysRoundTripProperties {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  /** A way to protect a key: none, or a passphrase with some Argon2 variant and tiny costs. */
  record Protection(KeyProtection protection, String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  @Provide
  Arbitrary<SshPrivateKey> keys() {
    return SshKeys.keyPairs();
  }

  @Provide
  Arbitrary<Protection> protections() {
    Arbitrary<Protection> none = Arbitraries.just(new Protection(KeyProtection.none(InsecureSecretAccess.get()), "none"));
    Arbitrary<String> passphrases = Arbitraries.strings().withCharRange(' ', '~').withChars('ü', '中', '\t')
        .ofMinLength(1).ofMaxLength(30);
    Arbitrary<Protection> encrypted = Combinators.combine(passphrases, Arbitraries.of(Argon2Variant.values()),
        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 24))
        .as((pw, variant, lanes, passes, extraKiB) -> new Protection(
            KeyProtection.passphrase(Passphrase.of(pw.toCharArray()))
                .withArgon2(variant, 8 * lanes + extraKiB, passes, lanes),
            variant.ppkName() + "/" + (8 * lanes + extraKiB) + "/" + passes + "/" + lanes));
    return Arbitraries.oneOf(none, encrypted);
  }

  /**
   * decode(encode(k)) is the same key with the same comment, in the version asked, encrypted as asked;
   * an unencrypted file, or an encrypted version 2 file, is written again byte for byte.
   */
  @Property(tries = 300)
  void roundTrip(@ForAll("keys") SshPrivateKey key, @ForAll @IntRange(min = 2, max = 3) int version,
      @ForAll("protections") Protection p) {
    byte[] file = PuttyPrivateKeys.encode(key, version, p.protection());
    DecodedPrivateKey d = PuttyPrivateKeys.decode(file, p.protection().passphrase().orElse(null), LIMITS);
    assertThat(d.format()).isEqualTo(version == 2 ? KeyFormat.PPK_V2 : KeyFormat.PPK_V3);
    assertThat(d.requirePrivateKey().sameKey(key)).isTrue();
    assertThat(d.requirePrivateKey().comment()).isEqualTo(key.comment());
    assertThat(d.publicKey()).isEqualTo(key.publicKey());
    if (!p.protection().isEncrypted()) {
      assertThat(d.encryption()).isEmpty();
    } else {
      assertThat(d.encryption()).contains(version == 2 ? "aes256-cbc" : "aes256-cbc/" + p.description());
      DecodedPrivateKey locked = PuttyPrivateKeys.decode(file, null, LIMITS);
      assertThat(locked.publicKey()).isEqualTo(key.publicKey());
      assertThat(locked.privateKey()).isEmpty();
    }
    if (!p.protection().isEncrypted() || version == 2) {
      assertThat(PuttyPrivateKeys.encode(d.requirePrivateKey(), version, p.protection())).isEqualTo(file);
    }
  }
}
