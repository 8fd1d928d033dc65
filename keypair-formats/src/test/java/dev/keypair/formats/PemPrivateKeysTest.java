package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The codec on the fixtures openssl and ssh-keygen made (make-pem-private-fixtures.sh). */
class PemPrivateKeysTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  private static DecodedPrivateKey read(String file, Passphrase passphrase) {
    return PemPrivateKeys.decode(PemPrivateFixtures.bytes(file), passphrase, LIMITS);
  }

  private static SshPrivateKey key(String file) {
    return read(file, null).requirePrivateKey();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "rsa2048.pkcs1.pem, rsa2048, PEM_RSA_PRIVATE",
      "rsa2048.pkcs8.pem, rsa2048, PEM_PKCS8",
      "rsa1024.pkcs1.pem, rsa1024, PEM_RSA_PRIVATE",
      "ec256.sec1.pem, ec256, PEM_EC_PRIVATE",
      "ec384.sec1.pem, ec384, PEM_EC_PRIVATE",
      "ec521.sec1.pem, ec521, PEM_EC_PRIVATE",
      "ec256.pkcs8.pem, ec256, PEM_PKCS8",
      "ec384.pkcs8.pem, ec384, PEM_PKCS8",
      "ec521.pkcs8.pem, ec521, PEM_PKCS8",
      "ed25519.pkcs8.pem, ed25519, PEM_PKCS8",
      "dsa1024.dsa.pem, dsa1024, PEM_DSA_PRIVATE",
      "dsa1024.pkcs8.pem, dsa1024, PEM_PKCS8"})
  void readsPlainFixturesToTheKeyOpensslSees(String file, String key, KeyFormat format) {
    DecodedPrivateKey d = read(file, null);
    assertThat(d.format()).isEqualTo(format);
    assertThat(d.publicKey().keyData()).isEqualTo(PemPrivateFixtures.publicKey(key));
    assertThat(d.publicKey().comment().isEmpty()).isTrue();
    assertThat(d.isUnlocked()).isTrue();
    assertThat(d.isEncrypted()).isFalse();
    assertThat(d.encryption()).isEmpty();
    assertThat(d.requirePrivateKey().comment().isEmpty()).isTrue();
    if (!key.startsWith("ed25519")) {
      assertThat(d.publicKey().keyData()).isEqualTo(PemPrivateFixtures.sshPublicKey(key));
    }
    // a passphrase given for an unencrypted file changes nothing
    assertThat(read(file, PemPrivateFixtures.passphrase()).requirePrivateKey().sameKey(d.requirePrivateKey())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "rsa2048.pkcs8.aes256-sha256.pem, rsa2048, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA256/2048/AES-256-CBC",
      "ec256.pkcs8.aes128-sha1.pem, ec256, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA1/2048/AES-128-CBC",
      "ec384.pkcs8.aes192-sha512.pem, ec384, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA512/2048/AES-192-CBC",
      "ec521.pkcs8.aes256-sha384.pem, ec521, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA384/2048/AES-256-CBC",
      "ec256.pkcs8.aes256-sha224.pem, ec256, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA224/2048/AES-256-CBC",
      "ec256.pkcs8.des3-sha256.pem, ec256, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA256/2048/DES-EDE3-CBC",
      "ec256.pkcs8.iter16.pem, ec256, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA256/16/AES-256-CBC",
      "ed25519.pkcs8.scrypt.pem, ed25519, PEM_PKCS8_ENCRYPTED, 'PBES2/scrypt/N=16384,r=8,p=1/AES-256-CBC'",
      "ed25519.pkcs8.aes256-sha256.pem, ed25519, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA256/2048/AES-256-CBC",
      "dsa1024.pkcs8.aes256-sha256.pem, dsa1024, PEM_PKCS8_ENCRYPTED, PBES2/PBKDF2-HMAC-SHA256/2048/AES-256-CBC",
      "rsa2048.pkcs1.aes128.pem, rsa2048, PEM_RSA_PRIVATE, AES-128-CBC",
      "rsa2048.pkcs1.aes192.pem, rsa2048, PEM_RSA_PRIVATE, AES-192-CBC",
      "rsa2048.pkcs1.aes256.pem, rsa2048, PEM_RSA_PRIVATE, AES-256-CBC",
      "rsa2048.pkcs1.des3.pem, rsa2048, PEM_RSA_PRIVATE, DES-EDE3-CBC",
      "ec256.sec1.aes256.pem, ec256, PEM_EC_PRIVATE, AES-256-CBC",
      "ec521.sec1.des3.pem, ec521, PEM_EC_PRIVATE, DES-EDE3-CBC",
      "dsa1024.dsa.aes128.pem, dsa1024, PEM_DSA_PRIVATE, AES-128-CBC"})
  void readsEncryptedFixtures(String file, String key, KeyFormat format, String encryption) {
    DecodedPrivateKey d = read(file, PemPrivateFixtures.passphrase());
    assertThat(d.format()).isEqualTo(format);
    assertThat(d.encryption()).hasValue(encryption);
    assertThat(d.publicKey().keyData()).isEqualTo(PemPrivateFixtures.publicKey(key));
    assertThat(d.requirePrivateKey().sameKey(key(key + ".pkcs8.pem"))).isTrue();

    assertFails(ErrorCode.PASSPHRASE_REQUIRED, () -> read(file, null));
    assertFails(ErrorCode.PASSPHRASE_REQUIRED, () -> read(file, Passphrase.empty()));
    assertFails(ErrorCode.WRONG_PASSPHRASE, () -> read(file, Passphrase.of("keypair-fixturE".toCharArray())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec256.pkcs8.utf8pass.pem", "ec256.sec1.utf8pass.pem"})
  void passphrasesAreHashedAsUtf8AsOpensslDoes(String file) {
    DecodedPrivateKey d = read(file, PemPrivateFixtures.utf8Passphrase());
    assertThat(d.requirePrivateKey().sameKey(key("ec256.pkcs8.pem"))).isTrue();
    assertFails(ErrorCode.WRONG_PASSPHRASE, () -> read(file, PemPrivateFixtures.passphrase()));
  }

  @ParameterizedTest
  @CsvSource({"ssh-rsa.pem, ssh-rsa", "ssh-ecdsa.pem, ssh-ecdsa", "ssh-dsa.pem, ssh-dsa",
      "ssh-rsa.pkcs8.pem, ssh-rsa.pkcs8", "ssh-ecdsa.pkcs8.pem, ssh-ecdsa.pkcs8"})
  void readsSshKeygenFilesToTheKeySshKeygenSees(String file, String pub) {
    DecodedPrivateKey d = read(file, PemPrivateFixtures.passphrase());
    assertThat(d.publicKey().keyData()).isEqualTo(PemPrivateFixtures.sshPublicKey(pub));
    assertThat(d.encryption().orElseThrow()).isIn("AES-128-CBC", "PBES2/PBKDF2-HMAC-SHA256/2048/AES-128-CBC");
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
      "rsa2048.pkcs1.pem, PEM", "rsa1024.pkcs1.pem, PEM", "ec256.sec1.pem, PEM", "ec384.sec1.pem, PEM",
      "ec521.sec1.pem, PEM", "rsa2048.pkcs8.pem, PKCS8", "rsa1024.pkcs8.pem, PKCS8", "ec256.pkcs8.pem, PKCS8",
      "ec384.pkcs8.pem, PKCS8", "ec521.pkcs8.pem, PKCS8", "ed25519.pkcs8.pem, PKCS8"})
  void writesWhatOpensslWroteByteForByte(String file, PrivateKeyFormat format) {
    assertThat(new String(PemPrivateKeys.encode(key(file), format, NONE), StandardCharsets.US_ASCII))
        .isEqualTo(PemPrivateFixtures.text(file));
  }

  @ParameterizedTest
  @CsvSource({"rsa2048.pkcs1.pem, rsa2048.pkcs8.pem", "rsa1024.pkcs1.pem, rsa1024.pkcs8.pem",
      "ec256.sec1.pem, ec256.pkcs8.pem", "ec521.sec1.pem, ec521.pkcs8.pem",
      "ed25519.pkcs8.aes256-sha256.pem, ed25519.pkcs8.pem", "rsa2048.pkcs1.des3.pem, rsa2048.pkcs8.pem"})
  void pkcs8DerIsOpensslsTopk8Nocrypt(String file, String pkcs8File) {
    SshPrivateKey k = read(file, PemPrivateFixtures.passphrase()).requirePrivateKey();
    assertThat(PemPrivateKeys.pkcs8Der(k, dev.keypair.core.InsecureSecretAccess.get())).isEqualTo(PemPrivateFixtures.der(pkcs8File));
  }

  @Test
  void writesEncryptedKeysItReads() {
    SshPrivateKey rsa = key("rsa1024.pkcs1.pem");
    SshPrivateKey ec = key("ec384.sec1.pem");
    SshPrivateKey ed = key("ed25519.pkcs8.pem");
    KeyProtection p = KeyProtection.passphrase(PemPrivateFixtures.passphrase()).withPbkdf2Iterations(1000);
    for (SshPrivateKey k : new SshPrivateKey[] {rsa, ec}) {
      byte[] pem = PemPrivateKeys.encode(k, PrivateKeyFormat.PEM, p);
      String text = new String(pem, StandardCharsets.US_ASCII);
      assertThat(text).containsPattern("\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,[0-9A-F]{32}\n\n");
      DecodedPrivateKey d = PemPrivateKeys.decode(pem, PemPrivateFixtures.passphrase());
      assertThat(d.encryption()).hasValue("AES-256-CBC");
      assertThat(d.requirePrivateKey().sameKey(k)).isTrue();
    }
    for (SshPrivateKey k : new SshPrivateKey[] {rsa, ec, ed}) {
      byte[] pem = PemPrivateKeys.encode(k, PrivateKeyFormat.PKCS8, p);
      assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
      DecodedPrivateKey d = PemPrivateKeys.decode(pem, PemPrivateFixtures.passphrase());
      assertThat(d.format()).isEqualTo(KeyFormat.PEM_PKCS8_ENCRYPTED);
      assertThat(d.encryption()).hasValue("PBES2/PBKDF2-HMAC-SHA256/1000/AES-256-CBC");
      assertThat(d.requirePrivateKey().sameKey(k)).isTrue();
    }
  }

  @Test
  void writesTheDefaultIterations() {
    byte[] pem = PemPrivateKeys.encode(key("ec256.pkcs8.pem"), PrivateKeyFormat.PKCS8,
        KeyProtection.passphrase(PemPrivateFixtures.passphrase()));
    assertThat(PemPrivateKeys.decode(pem, PemPrivateFixtures.passphrase()).encryption())
        .hasValue("PBES2/PBKDF2-HMAC-SHA256/600000/AES-256-CBC");
  }

  @Test
  void writesNoComment() {
    SshPrivateKey k = key("ec256.sec1.pem").withComment(dev.keypair.core.Comment.of("me@host"));
    assertThat(PemPrivateKeys.encode(k, PrivateKeyFormat.PEM, NONE))
        .isEqualTo(PemPrivateFixtures.bytes("ec256.sec1.pem"));
  }

  @Test
  void refusesWhatItCannotWrite() {
    SshPrivateKey ed = TestKeys.ed25519Private(7);
    assertFails(ErrorCode.UNREPRESENTABLE, () -> PemPrivateKeys.encode(ed, PrivateKeyFormat.PEM, NONE));
    SshPrivateKey dsa = key("dsa1024.dsa.pem");
    assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> PemPrivateKeys.encode(dsa, PrivateKeyFormat.PEM, NONE));
    assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> PemPrivateKeys.encode(dsa, PrivateKeyFormat.PKCS8, NONE));
    assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> PemPrivateKeys.pkcs8Der(dsa, dev.keypair.core.InsecureSecretAccess.get()));
    assertThatThrownBy(() -> PemPrivateKeys.encode(ed, PrivateKeyFormat.OPENSSH, NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ec256.sec1.explicit.pem, InvalidKey.UnsupportedAlgorithm",
      "ec256.pkcs8.explicit.pem, InvalidKey.UnsupportedAlgorithm",
      "sect283k1.sec1.explicit.pem, InvalidKey.UnsupportedAlgorithm",
      "secp256k1.sec1.pem, InvalidKey.UnsupportedAlgorithm",
      "secp256k1.pkcs8.pem, InvalidKey.UnsupportedAlgorithm",
      "rsa3prime.pkcs1.pem, InvalidKey.UnsupportedAlgorithm",
      "rsa_pss.pkcs8.pem, InvalidKey.UnsupportedAlgorithm",
      "x25519.pkcs8.pem, InvalidKey.UnsupportedAlgorithm",
      "ed448.pkcs8.pem, InvalidKey.UnsupportedAlgorithm",
      "rsa2048.pkcs8.pbes1-3des.pem, InvalidKey.UnsupportedAlgorithm"})
  void refusedFixtures(String file, String code) {
    // refused from the structure: with or without a passphrase, the same error
    ErrorCode expected = ErrorCode.of(code, ErrorCode.Category.INPUT);
    assertFails(expected, () -> read(file, null));
    assertFails(expected, () -> read(file, PemPrivateFixtures.passphrase()));
  }

  @Test
  void multiPrimeRsaSaysSo() {
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> read("rsa3prime.pkcs1.pem", null)).getMessage())
        .contains("multi-prime");
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> read("rsa2048.pkcs8.pbes1-3des.pem", null))
        .getMessage()).contains("PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC");
  }

  @Test
  void otherLabels() {
    assertFails(ErrorCode.FORMAT, () -> read("rsa2048.spki.pem", null));
    byte[] openssh = PemBlocks.encodeBytes("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3});
    assertFails(ErrorCode.FORMAT, () -> PemPrivateKeys.decode(openssh, null));
    byte[] cert = PemBlocks.encodeBytes("CERTIFICATE", new byte[] {1, 2, 3});
    assertFails(ErrorCode.UNRECOGNIZED_FORMAT, () -> PemPrivateKeys.decode(cert, null));
    // and PemPublicKeys refuses every private label
    assertFails(ErrorCode.FORMAT, () -> PemPublicKeys.parse(PemPrivateFixtures.bytes("rsa2048.pkcs1.pem")));
  }

  @Test
  void crlfAndExplanatoryText() {
    String pem = "Bag Attributes\n" + PemPrivateFixtures.text("rsa2048.pkcs1.aes128.pem").replace("\n", "\r\n")
        + "trailing text\n";
    DecodedPrivateKey d = PemPrivateKeys.decode(pem.getBytes(StandardCharsets.US_ASCII),
        PemPrivateFixtures.passphrase());
    assertThat(d.requirePrivateKey().sameKey(key("rsa2048.pkcs8.pem"))).isTrue();
  }
}
