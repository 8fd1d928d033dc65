package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private key facade: detection, every format through one entry point, passphrase and comment changes. */
class PrivateKeysTest {

  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());
  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  private static Passphrase pass() {
    return Passphrase.of("correct horse".toCharArray());
  }

  private static KeyProtection cheap(Passphrase p) {
    return KeyProtection.passphrase(p).withBcryptRounds(2).withPbkdf2Iterations(1000)
        .withArgon2(KeyProtection.Argon2Variant.ARGON2ID, 64, 1, 1);
  }

  @Test
  void detectsEveryPrivateFormatAndNothingElse() {
    SshPrivateKey rsa = SshPrivateKey.of(TestKeys.rsaPool().get(0));
    assertThat(PrivateKeys.detect(PrivateKeys.encode(rsa, PrivateKeyFormat.OPENSSH, NONE))).contains(KeyFormat.OPENSSH_PRIVATE);
    assertThat(PrivateKeys.detect(PrivateKeys.encode(rsa, PrivateKeyFormat.PEM, NONE))).contains(KeyFormat.PEM_RSA_PRIVATE);
    assertThat(PrivateKeys.detect(PrivateKeys.encode(rsa, PrivateKeyFormat.PKCS8, NONE))).contains(KeyFormat.PEM_PKCS8);
    assertThat(PrivateKeys.detect(PrivateKeys.encode(rsa, PrivateKeyFormat.PKCS8, cheap(pass()))))
        .contains(KeyFormat.PEM_PKCS8_ENCRYPTED);
    assertThat(PrivateKeys.detect(PrivateKeys.encode(rsa, PrivateKeyFormat.PPK, NONE))).contains(KeyFormat.PPK_V3);
    assertThat(PrivateKeys.detect(PrivateKeys.encode(rsa, PrivateKeyFormat.PPK2, NONE))).contains(KeyFormat.PPK_V2);
    SshPrivateKey ec = TestKeys.ecdsaPrivate(dev.keypair.core.EcCurve.NISTP256, 1);
    assertThat(PrivateKeys.detect(PrivateKeys.encode(ec, PrivateKeyFormat.PEM, NONE))).contains(KeyFormat.PEM_EC_PRIVATE);
    assertThat(PrivateKeys.detect(dev.keypair.testsupport.Fixtures.bytes("rsa2048.pub"))).isEmpty();
    assertThat(PrivateKeys.detect(dev.keypair.testsupport.Fixtures.bytes("rsa2048.pkcs8.pem"))).isEmpty();
    assertThatThrownBy(() -> PrivateKeys.decode(dev.keypair.testsupport.Fixtures.bytes("rsa2048.pub"), null))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNRECOGNIZED_FORMAT));
  }

  /**
   * HOSTILE 26: DSA keys are read (OpenSSH, PEM, PKCS#8, PPK) but never generated, nor written in any private format.
   */
  @Test
  void hostile26DsaIsReadButNeverWritten() {
    Hostile.assertFails(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> dev.keypair.core.KeyGenerator.create().generate(dev.keypair.core.KeyType.DSA, Comment.none()));
    byte[][] files = {OpenSshPrivateKeysTest.fixture("dsa1024.key"), PemPrivateFixtures.bytes("dsa1024.dsa.pem"),
        PemPrivateFixtures.bytes("dsa1024.pkcs8.pem"), PpkFixtures.bytes("dsa1024_v3.ppk"),
        PpkFixtures.bytes("dsa1024_v2.ppk")};
    for (byte[] file : files) {
      SshPrivateKey dsa = PrivateKeys.decode(file, null, LIMITS).requirePrivateKey();
      assertThat(dsa.keyData()).isInstanceOf(dev.keypair.core.DsaPrivateKeyData.class);
      for (PrivateKeyFormat f : PrivateKeyFormat.values()) {
        assertThat(Hostile.assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> PrivateKeys.encode(dsa, f, NONE))
            .getMessage()).as(f.name()).containsPattern("DSA|ssh-dss");
        assertThat(Hostile.assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> PrivateKeys.encode(dsa, f,
            cheap(pass()))).getMessage()).as(f.name()).containsPattern("DSA|ssh-dss");
      }
    }
  }

  @Test
  void changeProtectionKeepsFormatKeyAndComment() {
    SshPrivateKey key = TestKeys.ed25519Private(5).withComment(Comment.of("mine"));
    for (PrivateKeyFormat f : new PrivateKeyFormat[] {PrivateKeyFormat.OPENSSH, PrivateKeyFormat.PPK,
        PrivateKeyFormat.PPK2, PrivateKeyFormat.PKCS8}) {
      byte[] plain = PrivateKeys.encode(key, f, NONE);
      byte[] encrypted = PrivateKeys.changeProtection(plain, null, cheap(pass()), LIMITS);
      DecodedPrivateKey d = PrivateKeys.decode(encrypted, pass());
      assertThat(d.format().privateFormat()).as(f.toString()).isEqualTo(f);
      assertThat(d.isEncrypted()).isTrue();
      assertThat(d.requirePrivateKey().sameKey(key)).isTrue();
      byte[] back = PrivateKeys.changeProtection(encrypted, pass(), NONE, LIMITS);
      assertThat(PrivateKeys.decode(back, null).isEncrypted()).isFalse();
      if (f != PrivateKeyFormat.PKCS8) {
        assertThat(PrivateKeys.decode(back, null).requirePrivateKey().comment()).isEqualTo(Comment.of("mine"));
      }
    }
  }

  @Test
  void changeCommentKeepsTheProtection(@TempDir Path dir) throws Exception {
    SshPrivateKey key = TestKeys.ed25519Private(6).withComment(Comment.of("old"));
    byte[] file = PrivateKeys.encode(key, PrivateKeyFormat.OPENSSH, cheap(pass()));
    byte[] renamed = PrivateKeys.changeComment(file, pass(), Comment.of("new comment"), LIMITS);
    DecodedPrivateKey d = PrivateKeys.decode(renamed, pass());
    assertThat(d.isEncrypted()).isTrue();
    assertThat(d.requirePrivateKey().comment()).isEqualTo(Comment.of("new comment"));
    // ssh-keygen agrees: the comment it reads from our file
    Path k = dir.resolve("k");
    Files.write(k, PrivateKeys.changeComment(PrivateKeys.encode(key, PrivateKeyFormat.OPENSSH, NONE), null,
        Comment.of("set by keypair"), LIMITS));
    Files.setPosixFilePermissions(k, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(ExternalTools.sshKeygen().run("-l", "-f", k.toString()).ok().out()).contains(" set by keypair (ED25519)");
    assertThatThrownBy(() -> PrivateKeys.changeComment(PrivateKeys.encode(key, PrivateKeyFormat.PKCS8, NONE), null,
        Comment.of("x"), LIMITS))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREPRESENTABLE));
  }

  @Test
  void lockedFilesGiveTheirPublicHalfOnlyWhereTheFormatKeepsIt() {
    SshPrivateKey key = TestKeys.ed25519Private(7).withComment(Comment.of("c"));
    DecodedPrivateKey ssh = PrivateKeys.decode(PrivateKeys.encode(key, PrivateKeyFormat.OPENSSH, cheap(pass())), null);
    assertThat(ssh.isUnlocked()).isFalse();
    assertThat(ssh.publicKey().sameKey(key.publicKey())).isTrue();
    DecodedPrivateKey ppk = PrivateKeys.decode(PrivateKeys.encode(key, PrivateKeyFormat.PPK, cheap(pass())), null);
    assertThat(ppk.publicKey()).isEqualTo(key.publicKey()); // PPK keeps the comment in the clear
    assertThat(ppk.encryption()).isEqualTo(Optional.of("aes256-cbc/Argon2id/64/1/1"));
    assertThatThrownBy(() -> PrivateKeys.decode(PrivateKeys.encode(key, PrivateKeyFormat.PKCS8, cheap(pass())), null))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PASSPHRASE_REQUIRED));
  }
}
