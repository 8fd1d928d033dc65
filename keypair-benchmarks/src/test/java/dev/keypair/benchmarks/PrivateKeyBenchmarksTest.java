package dev.keypair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.DecodedPrivateKey;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collection;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each anchor of the private-key benchmarks reads the file keypair wrote into the key it was written from, and so
 * does keypair: the same public key, and a private key whose signatures verify with it.
 */
class PrivateKeyBenchmarksTest {

  @ParameterizedTest
  @ValueSource(strings = {"pkcs1-rsa2048", "pkcs8-rsa2048", "pkcs1-ecdsa256", "pkcs8-ecdsa256"})
  void pemIsReadAlikeByKeypairMinaAndBouncyCastle(String file) throws Exception {
    PemPrivateKeyBenchmark b = new PemPrivateKeyBenchmark();
    b.file = file;
    b.setUp();
    KeyData expected = PrivateKeyFiles.key(file.split("-")[1]).publicKey().keyData();
    assertKeypairRead(b.keypair(), expected);
    assertThat(b.keyCheck().sameKey(b.keypair().requirePrivateKey().keyData())).as("the key check's key").isTrue();
    assertMinaRead(b.mina(), expected);
    Object bc = b.bc();
    if (bc instanceof KeyPair pair) {
      assertThat(KeyData.fromJca(pair.getPublic())).isEqualTo(expected);
      SameAnswers.assertPrivateHalfOf(pair.getPrivate(), expected);
    } else {
      assertThat(file).startsWith("pkcs8");
      SameAnswers.assertPrivateHalfOf((PrivateKey) bc, expected);
    }
  }

  /** The key check is the real one: the parts of one key with the public half of another are refused. */
  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "ecdsa256", "ed25519"})
  void keyCheckRefusesAPublicHalfFromAnotherKey(String kind) {
    SshPrivateKey key = PrivateKeyFiles.key(kind);
    SshPrivateKey other = new Inputs.Keys(Inputs.SEED + 1).privateKey(kind);
    assertThat(PrivateKeyFiles.check(key).get().sameKey(key.keyData())).isTrue();
    assertThatThrownBy(() -> PrivateKeyFiles.check(key, other.publicKey().keyData()).get())
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isIn(ErrorCode.KEY_MISMATCH, ErrorCode.INVALID_VALUE));
  }

  @ParameterizedTest
  @CsvSource({"ed25519, 0", "ed25519, 16", "ed25519, 24", "rsa2048, 0", "rsa2048, 16", "rsa2048, 24"})
  void openSshIsReadAlikeByKeypairAndMina(String keyType, int rounds) throws Exception {
    OpenSshPrivateKeyBenchmark b = new OpenSshPrivateKeyBenchmark();
    b.keyType = keyType;
    b.rounds = rounds;
    b.setUp();
    KeyData expected = PrivateKeyFiles.key(keyType).publicKey().keyData();
    assertThat(b.keypair().isEncrypted()).isEqualTo(rounds != 0);
    assertKeypairRead(b.keypair(), expected);
    assertMinaRead(b.mina(), expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "rsa2048"})
  void plainOpenSshIsReadAlikeByKeypairAndBouncyCastle(String keyType) throws Exception {
    OpenSshPlainPrivateKeyBenchmark b = new OpenSshPlainPrivateKeyBenchmark();
    b.keyType = keyType;
    b.setUp();
    KeyData expected = PrivateKeyFiles.key(keyType).publicKey().keyData();
    assertKeypairRead(b.keypair(), expected);
    assertThat(b.keyCheck().sameKey(b.keypair().requirePrivateKey().keyData())).as("the key check's key").isTrue();
    AsymmetricKeyParameter bc = b.bc();
    assertThat(bc.isPrivate()).isTrue();
    PrivateKey jca = KeyFactory.getInstance(keyType.equals("ed25519") ? "Ed25519" : "RSA", new BouncyCastleProvider())
        .generatePrivate(new PKCS8EncodedKeySpec(PrivateKeyInfoFactory.createPrivateKeyInfo(bc).getEncoded()));
    SameAnswers.assertPrivateHalfOf(jca, expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "rsa2048"})
  void ppkIsReadAlikeByKeypairAndMina(String keyType) throws Exception {
    PuttyPrivateKeyBenchmark b = new PuttyPrivateKeyBenchmark();
    b.keyType = keyType;
    b.setUp();
    KeyData expected = PrivateKeyFiles.key(keyType).publicKey().keyData();
    String text = new String(b.text, java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(text).startsWith("PuTTY-User-Key-File-3: ").contains("Encryption: aes256-cbc",
        "Key-Derivation: Argon2id", "Argon2-Memory: 8192", "Argon2-Passes: 34", "Argon2-Parallelism: 1");
    assertKeypairRead(b.keypair(), expected);
    assertMinaRead(b.mina(), expected);
  }

  private static void assertKeypairRead(DecodedPrivateKey read, KeyData expected) throws Exception {
    SshPrivateKey key = read.requirePrivateKey();
    assertThat(key.publicKey().keyData()).isEqualTo(expected);
    SameAnswers.assertPrivateHalfOf(key.toJcaKeyPair(dev.keypair.core.InsecureSecretAccess.get()).getPrivate(),
        expected);
  }

  private static void assertMinaRead(Collection<KeyPair> read, KeyData expected) throws Exception {
    assertThat(read).hasSize(1);
    KeyPair pair = read.iterator().next();
    assertThat(KeyData.fromJca(pair.getPublic())).isEqualTo(expected);
    SameAnswers.assertPrivateHalfOf(pair.getPrivate(), expected);
  }
}
