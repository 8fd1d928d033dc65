package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import net.jqwik.api.Arbitrary;
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
}
