package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.OpenSshPrivateKeys;
import dev.keypair.testkit.EncodedPrivateKeyArbitrary;
import dev.keypair.testkit.SshKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@code openssh-key-v1} round trips for every key type, cipher and comment, on the testkit's keys. One or two
 * bcrypt rounds keep them fast. What re-encrypting changes, and totality, are keypair-formats'
 * {@code OpenSshPrivateKeysProperties}.
 */
class OpenSshPrivateKeysRoundTripProperties {

  /** Two rounds at most, as keypair-formats' properties read. */
  private static final KeyPairLimits LIMITS = KeyPairLimits.builder().maxBcryptRounds(2).build();

  private static final String PASSPHRASE = "correct horse";

  private static Passphrase pass() {
    return Passphrase.of(PASSPHRASE.toCharArray());
  }

  private static KeyProtection protection(String cipher, int rounds) {
    return cipher.equals("none") ? KeyProtection.none(InsecureSecretAccess.get())
        : KeyProtection.passphrase(pass()).withOpenSshCipher(cipher).withBcryptRounds(rounds);
  }

  /** No encryption, and every cipher keypair writes. */
  @Provide
  Arbitrary<String> ciphers() {
    List<String> all = new ArrayList<>(List.of("none"));
    all.addAll(EncodedPrivateKeyArbitrary.OPENSSH_CIPHERS);
    return Arbitraries.of(all);
  }

  @Provide
  Arbitrary<SshPrivateKey> keys() {
    return SshKeys.keyPairs();
  }

  @Property(tries = 200)
  void roundTrip(@ForAll("keys") SshPrivateKey key, @ForAll("ciphers") String cipher,
      @ForAll @IntRange(min = 1, max = 2) int rounds) {
    byte[] text = OpenSshPrivateKeys.encode(key, protection(cipher, rounds));
    DecodedPrivateKey d = OpenSshPrivateKeys.decode(text, pass(), LIMITS);
    assertThat(d.requirePrivateKey().sameKey(key)).isTrue();
    assertThat(d.requirePrivateKey().comment()).isEqualTo(key.comment());
    assertThat(d.publicKey()).isEqualTo(key.publicKey());
    assertThat(d.format()).isEqualTo(KeyFormat.OPENSSH_PRIVATE);
    if (cipher.equals("none")) {
      assertThat(d.encryption()).isEmpty();
    } else {
      assertThat(d.encryption()).contains(cipher + "/bcrypt/" + rounds);
      DecodedPrivateKey locked = OpenSshPrivateKeys.decode(text, null, LIMITS);
      assertThat(locked.publicKey()).isEqualTo(SshPublicKey.of(key.publicKey().keyData()));
      assertThat(locked.privateKey()).isEmpty();
    }
    // what ssh-keygen writes: 70-column lines, LF, the armour
    List<String> lines = Arrays.asList(new String(text, StandardCharsets.US_ASCII).split("\n", -1));
    assertThat(lines.get(0)).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
    assertThat(lines.get(lines.size() - 2)).isEqualTo("-----END OPENSSH PRIVATE KEY-----");
    assertThat(lines.subList(1, lines.size() - 3)).allMatch(l -> l.length() == 70);
    assertThat(lines.get(lines.size() - 3).length()).isBetween(1, 70);
  }
}
