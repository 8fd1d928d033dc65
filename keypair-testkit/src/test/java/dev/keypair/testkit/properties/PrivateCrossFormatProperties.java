package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.Fingerprint;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.testkit.SshKeys;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 3's properties across every private format, read back through detection. */
class PrivateCrossFormatProperties {

  private static KeyProtection cheap(Passphrase p) {
    return KeyProtection.passphrase(p).withBcryptRounds(1).withPbkdf2Iterations(1000)
        .withArgon2(KeyProtection.Argon2Variant.ARGON2ID, 64, 1, 1);
  }

  static boolean carries(PrivateKeyFormat format, KeyType type) {
    return !(format == PrivateKeyFormat.PEM && type == KeyType.ED25519);
  }

  /**
   * A key's fingerprints (OpenSSH SHA256 and MD5, AWS's created and imported ones) are the same from
   * every private format it was written in, plain or encrypted, and it reads back as the same key.
   */
  @Property(tries = 60)
  void fingerprintDoesNotDependOnThePrivateFormat(@ForAll("keys") SshPrivateKey key, @ForAll boolean encrypted) {
    Fingerprint sha256 = Fingerprints.sha256(key.keyData().publicKey());
    Fingerprint md5 = Fingerprints.md5(key.keyData().publicKey());
    boolean aws = key.type() == KeyType.RSA || key.type() == KeyType.ED25519;
    Fingerprint created = aws ? AwsFingerprints.created(key) : null;
    for (PrivateKeyFormat format : PrivateKeyFormat.values()) {
      if (!carries(format, key.type())) {
        continue;
      }
      try (Passphrase p = Passphrase.of("pw".toCharArray())) {
        KeyProtection protection = encrypted ? cheap(p) : KeyProtection.none(InsecureSecretAccess.get());
        DecodedPrivateKey d = PrivateKeys.decode(PrivateKeys.encode(key, format, protection), encrypted ? p : null);
        SshPrivateKey back = d.requirePrivateKey();
        assertThat(back.sameKey(key)).as(format.toString()).isTrue();
        assertThat(Fingerprints.sha256(back.keyData().publicKey())).isEqualTo(sha256);
        assertThat(Fingerprints.md5(back.keyData().publicKey())).isEqualTo(md5);
        if (aws) {
          assertThat(AwsFingerprints.created(back)).as(format.toString()).isEqualTo(created);
        }
      }
    }
  }

  @Provide
  Arbitrary<SshPrivateKey> keys() {
    return SshKeys.keyPairs();
  }
}
