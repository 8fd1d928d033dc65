package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PemPrivateKeys;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.testkit.EncodedKeys;
import dev.keypair.testkit.SshKeys;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Round trips of traditional PEM and PKCS#8 for every key type and protection, on the testkit's keys and
 * passphrases. Re-encryption and totality are keypair-formats' {@code PemPrivateProperties}.
 */
class PemPrivateRoundTripProperties {

  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  @Provide
  Arbitrary<SshPrivateKey> keys() {
    return SshKeys.keyPairs();
  }

  @Provide
  Arbitrary<String> passphrases() {
    return EncodedKeys.passphrases();
  }

  @Provide
  Arbitrary<PrivateKeyFormat> formats() {
    return Arbitraries.of(PrivateKeyFormat.PEM, PrivateKeyFormat.PKCS8);
  }

  @Property(tries = 200)
  void roundTrip(@ForAll("keys") SshPrivateKey key, @ForAll("formats") PrivateKeyFormat format,
      @ForAll boolean encrypted, @ForAll("passphrases") String pass, @ForAll @IntRange(min = 1, max = 40) int iterations) {
    KeyProtection protection = encrypted
        ? KeyProtection.passphrase(Passphrase.of(pass.toCharArray())).withPbkdf2Iterations(iterations)
        : NONE;
    if (format == PrivateKeyFormat.PEM && key.keyData() instanceof Ed25519PrivateKeyData) {
      assertFails(ErrorCode.UNREPRESENTABLE, () -> PemPrivateKeys.encode(key, format, protection));
      return;
    }
    byte[] pem = PemPrivateKeys.encode(key, format, protection);
    DecodedPrivateKey d = PemPrivateKeys.decode(pem, encrypted ? Passphrase.of(pass.toCharArray()) : null);
    assertThat(d.requirePrivateKey().sameKey(key)).isTrue();
    assertThat(d.publicKey().keyData()).isEqualTo(key.publicKey().keyData());
    assertThat(d.publicKey().comment().isEmpty()).isTrue();
    assertThat(d.format().privateFormat()).isEqualTo(format);
    assertThat(d.isEncrypted()).isEqualTo(encrypted);
    if (encrypted) {
      assertThat(d.encryption()).hasValue(format == PrivateKeyFormat.PEM ? "AES-256-CBC"
          : "PBES2/PBKDF2-HMAC-SHA256/" + iterations + "/AES-256-CBC");
      assertFails(ErrorCode.WRONG_PASSPHRASE,
          () -> PemPrivateKeys.decode(pem, Passphrase.of((pass + "x").toCharArray())));
      assertFails(ErrorCode.PASSPHRASE_REQUIRED, () -> PemPrivateKeys.decode(pem, null));
    } else {
      // unencrypted output is canonical: writing what was read gives the same bytes
      assertThat(PemPrivateKeys.encode(d.requirePrivateKey(), format, NONE)).isEqualTo(pem);
      assertThat(PemPrivateKeys.decode(pem, Passphrase.of(pass.toCharArray())).requirePrivateKey().sameKey(key))
          .isTrue();
    }
    // CRLF line ends read the same
    String crlf = new String(pem, StandardCharsets.US_ASCII).replace("\n", "\r\n");
    assertThat(PemPrivateKeys.decode(crlf.getBytes(StandardCharsets.US_ASCII),
        encrypted ? Passphrase.of(pass.toCharArray()) : null).requirePrivateKey().sameKey(key)).isTrue();
  }

  /**
   * Fails unless {@code call} throws a KeyPairException of {@code code}. (keypair-formats' {@code Hostile} is
   * out of reach: its package is split between the formats module and its test-jar.)
   */
  private static void assertFails(ErrorCode code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    KeyPairException e = catchThrowableOfType(KeyPairException.class, call);
    assertThat(e).as("a KeyPairException").isNotNull();
    assertThat(e.code()).isEqualTo(code);
  }
}
