package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.Fingerprint;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The properties over every public format, through format detection, on the testkit's keys and fixtures. */
class CrossFormatProperties {

  /** Whether {@code format} can carry {@code key} at all. */
  static boolean carries(PublicKeyFormat format, KeyData key) {
    return switch (format) {
      case OPENSSH, RFC4716 -> true;
      case PEM_SPKI, DER_BASE64 -> !key.isCertificate() && (key.type() == KeyType.RSA || key.type() == KeyType.DSA
          || key.type() == KeyType.ED25519 || key.type() == KeyType.ECDSA_NISTP256
          || key.type() == KeyType.ECDSA_NISTP384 || key.type() == KeyType.ECDSA_NISTP521);
      case PEM_PKCS1 -> !key.isCertificate() && key.type() == KeyType.RSA;
    };
  }

  /** decode(encode(k, format)) is k for every format, the comment too where the format has one. */
  @Property(tries = 300)
  void roundTripThroughDetection(@ForAll("keys") SshPublicKey key, @ForAll PublicKeyFormat format) {
    if (!carries(format, key.keyData())) {
      return;
    }
    DecodedPublicKey back = PublicKeys.decode(PublicKeys.encode(key, format), KeyPairLimits.defaults());
    assertThat(back.key().keyData()).isEqualTo(key.keyData());
    assertThat(back.format().publicFormat()).isEqualTo(format);
    if (format == PublicKeyFormat.OPENSSH || format == PublicKeyFormat.RFC4716) {
      assertThat(back.key().comment()).isEqualTo(key.comment());
    }
  }

  /** The OpenSSH line reads back as the key and comment, through its own reader (moved from OpenSshPublicKeysTest). */
  @Property
  void openSshLineRoundTrip(@ForAll("keys") SshPublicKey key) {
    assertThat(OpenSshPublicKeys.parse(OpenSshPublicKeys.encode(key))).isEqualTo(key);
  }

  /** A key's fingerprints are the same whatever format it was read from. */
  @Property(tries = 200)
  void fingerprintDoesNotDependOnTheFormat(@ForAll("keys") SshPublicKey key) {
    Fingerprint sha256 = Fingerprints.sha256(key.keyData());
    Fingerprint md5 = Fingerprints.md5(key.keyData());
    for (PublicKeyFormat format : PublicKeyFormat.values()) {
      if (carries(format, key.keyData())) {
        KeyData back = PublicKeys.parse(PublicKeys.encode(key, format)).keyData();
        assertThat(Fingerprints.sha256(back)).isEqualTo(sha256);
        assertThat(Fingerprints.md5(back)).isEqualTo(md5);
        if (!back.isCertificate() && (back.type() == KeyType.RSA || back.type() == KeyType.ED25519)) {
          assertThat(AwsFingerprints.imported(back)).isEqualTo(AwsFingerprints.imported(key.keyData()));
        }
      }
    }
  }

  /** On arbitrary text the reader returns a key or throws the library's exception, nothing else. */
  @Property(tries = 3000)
  void readerIsTotal(@ForAll("texts") String text) {
    try {
      PublicKeys.decodeAll(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), KeyPairLimits.defaults());
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<SshPublicKey> keys() {
    return KeysAndFixtures.publicKeys();
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> any = net.jqwik.api.Arbitraries.strings().ofMaxLength(300);
    Arbitrary<String> shaped = net.jqwik.api.Arbitraries.of("ssh-rsa ", "ssh-ed25519 AAAA", "---- BEGIN SSH2 PUBLIC KEY ----\n",
        "-----BEGIN PUBLIC KEY-----\n", "-----BEGIN RSA PUBLIC KEY-----\nMII", "MIIBIjANBgkqh", "command=\"x\" ",
        "# c\n", "Comment: \"", "-----END PUBLIC KEY-----\n", "---- END SSH2 PUBLIC KEY ----")
        .list().ofMaxSize(6).map(l -> String.join("", l));
    Arbitrary<String> mixed = net.jqwik.api.Combinators.combine(shaped, any).as((a, b) -> a + b);
    return net.jqwik.api.Arbitraries.oneOf(any, shaped, mixed);
  }
}
