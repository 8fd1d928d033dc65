package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every encoded key the testkit makes reads back, through keypair's format detection, as its key and comment. */
class EncodedKeysProperties {

  @Property(tries = 400)
  void publicKeysDecodeToTheirKeyAndComment(@ForAll("publicKeys") EncodedPublicKey encoded) {
    DecodedPublicKey back = PublicKeys.decode(encoded.bytes(), KeyPairLimits.defaults());
    assertThat(back.key()).isEqualTo(encoded.key());
    assertThat(back.key().comment()).isEqualTo(encoded.key().comment());
    assertThat(back.format().publicFormat()).isEqualTo(encoded.format());
    assertThat(encoded.text().contains("\r\n")).isEqualTo(encoded.lineEnding() == LineEnding.CRLF);
    assertThat(encoded.text().replace("\r\n", "")).doesNotContain("\r");
    if (encoded.format() == PublicKeyFormat.PEM_PKCS1) {
      assertThat(encoded.key().type()).isEqualTo(KeyType.RSA);
    }
  }

  @Provide
  Arbitrary<EncodedPublicKey> publicKeys() {
    return EncodedKeys.publicKeys();
  }

  @Property(tries = 300)
  void privateKeysDecodeWithTheirPassphraseToTheirKeyAndComment(@ForAll("privateKeys") EncodedPrivateKey encoded) {
    try (Passphrase p = encoded.toPassphrase()) {
      DecodedPrivateKey back = PrivateKeys.decode(encoded.bytes(), p);
      assertThat(back.requirePrivateKey().sameKey(encoded.key())).isTrue();
      assertThat(back.requirePrivateKey().comment()).isEqualTo(encoded.key().comment());
      assertThat(back.format().privateFormat()).isEqualTo(encoded.format());
      assertThat(back.isEncrypted()).isEqualTo(encoded.isEncrypted());
      if (encoded.isEncrypted()) {
        assertThat(back.encryption().orElseThrow()).isEqualTo(switch (encoded.format()) {
          case OPENSSH -> cipherOf(back) + "/bcrypt/1";
          case PEM -> "AES-256-CBC";
          case PKCS8 -> "PBES2/PBKDF2-HMAC-SHA256/1/AES-256-CBC";
          case PPK -> "aes256-cbc/Argon2id/8/1/1";
          case PPK2 -> "aes256-cbc";
        });
      }
    }
    assertThat(encoded.text().contains("\r\n")).isEqualTo(encoded.lineEnding() == LineEnding.CRLF);
    if (encoded.format() == PrivateKeyFormat.PEM) {
      assertThat(encoded.key().type()).isNotEqualTo(KeyType.ED25519);
    }
    assertThat(encoded.toString()).doesNotContain(encoded.text()).doesNotContain("PRIVATE");
  }

  @Provide
  Arbitrary<EncodedPrivateKey> privateKeys() {
    return EncodedKeys.privateKeys();
  }

  /** The OpenSSH cipher of a decoded key, which must be one keypair writes. */
  private static String cipherOf(DecodedPrivateKey key) {
    String cipher = key.encryption().orElseThrow().split("/")[0];
    assertThat(EncodedPrivateKeyArbitrary.OPENSSH_CIPHERS).contains(cipher);
    return cipher;
  }

  /** Every OpenSSH cipher of the list is drawn, and each is one keypair writes. */
  @Example
  void everyOpenSshCipherIsDrawn() {
    Set<String> seen = new HashSet<>();
    Random random = new Random(1);
    var generator = EncodedKeys.privateKeys().formats(PrivateKeyFormat.OPENSSH).encrypted()
        .keys(SshKeys.keyPairs().ofTypes(KeyType.ED25519)).generator(100);
    for (int i = 0; i < 300 && seen.size() < EncodedPrivateKeyArbitrary.OPENSSH_CIPHERS.size(); i++) {
      EncodedPrivateKey e = generator.next(random).value();
      try (Passphrase p = e.toPassphrase()) {
        seen.add(cipherOf(PrivateKeys.decode(e.bytes(), p)));
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(EncodedPrivateKeyArbitrary.OPENSSH_CIPHERS);
  }

  /** On request, the KDF costs are keypair's defaults, as in real files. */
  @Example
  void defaultKdfCostOnRequest() {
    Random random = new Random(2);
    for (PrivateKeyFormat format : List.of(PrivateKeyFormat.OPENSSH, PrivateKeyFormat.PKCS8, PrivateKeyFormat.PPK)) {
      EncodedPrivateKey e = EncodedKeys.privateKeys().formats(format).encrypted().withDefaultKdfCost()
          .keys(SshKeys.keyPairs().ofTypes(KeyType.ED25519)).generator(10).next(random).value();
      try (Passphrase p = e.toPassphrase()) {
        String encryption = PrivateKeys.decode(e.bytes(), p).encryption().orElseThrow();
        assertThat(encryption).endsWith(switch (format) {
          case OPENSSH -> "/bcrypt/" + KeyProtection.DEFAULT_BCRYPT_ROUNDS;
          case PKCS8 -> "/" + KeyProtection.DEFAULT_PBKDF2_ITERATIONS + "/AES-256-CBC";
          default -> "/" + KeyProtection.DEFAULT_ARGON2_MEMORY_KIB + "/" + KeyProtection.DEFAULT_ARGON2_PASSES + "/"
              + KeyProtection.DEFAULT_ARGON2_PARALLELISM;
        });
      }
    }
  }
}
