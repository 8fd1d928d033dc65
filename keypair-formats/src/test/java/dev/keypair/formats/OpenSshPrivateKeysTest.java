package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.EcCurve;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.internal.OpenSshCipher;
import dev.keypair.testsupport.TestKeys;
import dev.keypair.testsupport.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the fixtures ssh-keygen made and the public vectors; writing; the API's documented behaviour. */
class OpenSshPrivateKeysTest {

  static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  /** The fixtures of {@code openssh-private/} (see make-openssh-fixtures.sh there). */
  static final List<String> UNENCRYPTED = List.of("ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa2048", "dsa1024",
      "ed25519_nocomment");
  static final List<String> ENCRYPTED = List.of("ed25519_3des-cbc", "ed25519_aes128-cbc", "ed25519_aes192-cbc",
      "ed25519_aes256-cbc", "ed25519_aes128-ctr", "ed25519_aes192-ctr", "ed25519_aes256-ctr",
      "ed25519_aes128-gcm@openssh.com", "ed25519_aes256-gcm@openssh.com", "ed25519_chacha20-poly1305@openssh.com",
      "rsa2048_enc", "ecdsa521_enc", "dsa1024_enc", "ed25519_default", "ed25519_aes128ctr_a1");

  static byte[] fixture(String file) {
    try (InputStream in = OpenSshPrivateKeysTest.class.getResourceAsStream("/openssh-private/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Passphrase pass() {
    return Passphrase.of(OpenSshKeyFiles.passphrase());
  }

  static DecodedPrivateKey decode(byte[] text, Passphrase passphrase) {
    return OpenSshPrivateKeys.decode(text, passphrase, LIMITS);
  }

  /** The fixture's .pub line as ssh-keygen wrote it. */
  static SshPublicKey pub(String name) {
    return OpenSshPublicKeys.parse(fixture(name + ".pub"));
  }

  static String sha256Padded(byte[] blob) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- reading what ssh-keygen wrote

  @ParameterizedTest
  @MethodSource("unencrypted")
  void readsUnencryptedFixtures(String name) {
    DecodedPrivateKey d = decode(fixture(name + ".key"), null);
    SshPublicKey expected = pub(name);
    assertThat(d.format()).isEqualTo(KeyFormat.OPENSSH_PRIVATE);
    assertThat(d.isEncrypted()).isFalse();
    assertThat(d.encryption()).isEmpty();
    assertThat(d.isUnlocked()).isTrue();
    assertThat(d.publicKey()).isEqualTo(expected);
    assertThat(d.requirePrivateKey().publicKey()).isEqualTo(expected);
    assertThat(d.requirePrivateKey().comment()).isEqualTo(expected.comment());
    // a passphrase given for an unencrypted file is ignored, as ssh-keygen does
    assertThat(decode(fixture(name + ".key"), pass()).requirePrivateKey().sameKey(d.requirePrivateKey())).isTrue();
  }

  static List<String> unencrypted() {
    return UNENCRYPTED;
  }

  @ParameterizedTest
  @MethodSource("encrypted")
  void readsEncryptedFixtures(String name) {
    byte[] text = fixture(name + ".key");
    SshPublicKey expected = pub(name);
    DecodedPrivateKey d = decode(text, pass());
    assertThat(d.isEncrypted()).isTrue();
    assertThat(d.publicKey()).isEqualTo(expected);
    assertThat(d.requirePrivateKey().comment()).isEqualTo(expected.comment());
    String cipher = OpenSshKeyFiles.Parts.of(text).cipher();
    long rounds = OpenSshKeyFiles.Parts.of(text).rounds();
    assertThat(d.encryption()).contains(cipher + "/bcrypt/" + rounds);

    DecodedPrivateKey locked = decode(text, null);
    assertThat(locked.isUnlocked()).isFalse();
    assertThat(locked.privateKey()).isEmpty();
    assertThat(locked.encryption()).isEqualTo(d.encryption());
    // the comment is inside the encrypted section: a locked file's public key has none
    assertThat(locked.publicKey()).isEqualTo(SshPublicKey.of(expected.keyData()));
    assertFails(ErrorCode.PASSPHRASE_REQUIRED, locked::requirePrivateKey);
    assertFails(ErrorCode.WRONG_PASSPHRASE, () -> decode(text, Passphrase.of("wrong".toCharArray())));
  }

  static List<String> encrypted() {
    return ENCRYPTED;
  }

  /** The same key written unencrypted and with every cipher by ssh-keygen: the private keys are equal. */
  @Test
  void everyCipherOfTheSameTypeReadsToAValidKey() {
    for (String name : ENCRYPTED) {
      SshPrivateKey k = decode(fixture(name + ".key"), pass()).requirePrivateKey();
      assertThat(k.publicKey().keyData()).isEqualTo(pub(name).keyData());
    }
    assertThat(decode(fixture("ed25519_default.key"), pass()).encryption()).contains("aes256-ctr/bcrypt/16");
  }

  /** ssh-keygen -a 1000 is under the default cap of 1024 rounds: read with the real KDF. */
  @Test
  void readsAThousandRoundsUnderTheDefaultCap() {
    long start = System.nanoTime();
    DecodedPrivateKey d = decode(fixture("ed25519_a1000.key"), pass());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(d.encryption()).contains("aes256-ctr/bcrypt/1000");
    assertThat(d.publicKey()).isEqualTo(pub("ed25519_a1000"));
    System.out.println("ed25519_a1000 (aes256-ctr, 1000 bcrypt rounds) decoded in " + ms + " ms");
    KeyPairLimits lower = KeyPairLimits.builder().maxBcryptRounds(999).build();
    assertFails(ErrorCode.RESOURCE_LIMIT, () -> OpenSshPrivateKeys.decode(fixture("ed25519_a1000.key"), pass(), lower));
  }

  // --- public vectors

  /** expected.tsv: derived/ed25519_openssh.key, aws_ed25519 = base64 SHA-256 of the blob, padded. */
  @Test
  void awsEd25519VectorFromThePrivateKeyFile() {
    Vectors.Row row = Vectors.expected().stream()
        .filter(r -> r.file().equals("derived/ed25519_openssh.key") && r.method().equals("aws_ed25519"))
        .findFirst().orElseThrow();
    DecodedPrivateKey d = decode(Vectors.bytes(row.file()), null);
    assertThat(d.publicKey().keyData().type()).isEqualTo(KeyType.ED25519);
    assertThat(d.requirePrivateKey().comment()).isEqualTo(Comment.of("derived-ed25519"));
    assertThat(sha256Padded(d.publicKey().keyData().blob().toByteArray())).isEqualTo(row.expected());
    assertThat(d.publicKey()).isEqualTo(OpenSshPublicKeys.parse(Vectors.bytes("derived/ed25519_openssh.pub")));
  }

  /** moto 5.2.1's CreateKeyPair output (written by Python's cryptography: 76-column lines, no comment). */
  @Test
  void readsMotoCreatedKey() {
    DecodedPrivateKey d = decode(Vectors.bytes("moto/created_by_moto-5.2.1_ed25519.key"), null);
    assertThat(d.requirePrivateKey().comment().isEmpty()).isTrue();
    assertThat(d.publicKey().keyData())
        .isEqualTo(OpenSshPublicKeys.parse(Vectors.bytes("moto/created_by_moto-5.2.1_ed25519.pub")).keyData());
    Vectors.Row row = Vectors.expected().stream()
        .filter(r -> r.file().equals("moto/created_by_moto-5.2.1_ed25519.pub") && r.method().equals("aws_ed25519"))
        .findFirst().orElseThrow();
    assertThat(sha256Padded(d.publicKey().keyData().blob().toByteArray())).isEqualTo(row.expected());
  }

  // --- writing

  /** ssh-keygen's layout: our unencrypted file is ssh-keygen's byte for byte except the checkint. */
  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa2048", "ed25519_nocomment"})
  void unencryptedWriteIsSshKeygensButTheCheckint(String name) {
    byte[] theirs = fixture(name + ".key");
    byte[] ours = OpenSshPrivateKeys.encode(decode(theirs, null).requirePrivateKey(), NONE);
    assertSameButCheckint(ours, theirs);
    // the same line structure: 70 columns, LF
    assertThat(lineLengths(ours)).isEqualTo(lineLengths(theirs));
  }

  static void assertSameButCheckint(byte[] oursText, byte[] theirsText) {
    byte[] ours = OpenSshKeyFiles.Parts.binary(oursText);
    byte[] theirs = OpenSshKeyFiles.Parts.binary(theirsText);
    assertThat(ours).hasSameSizeAs(theirs);
    int checkints = OpenSshKeyFiles.Parts.ofBinary(theirs).sectionOffset();
    Arrays.fill(ours, checkints, checkints + 8, (byte) 0);
    Arrays.fill(theirs, checkints, checkints + 8, (byte) 0);
    assertThat(ours).isEqualTo(theirs);
  }

  static List<Integer> lineLengths(byte[] text) {
    return Arrays.stream(new String(text, StandardCharsets.US_ASCII).split("\n", -1)).map(String::length).toList();
  }

  @Test
  void writesEveryCipherButTripleDesAndReadsItBack() {
    SshPrivateKey key = TestKeys.ecdsaPrivate(EcCurve.NISTP384, 7).withComment(Comment.of("every cipher"));
    for (OpenSshCipher c : OpenSshCipher.values()) {
      if (c == OpenSshCipher.NONE) {
        continue;
      }
      if (!c.isWritable()) {
        assertThatThrownBy(() -> KeyProtection.passphrase(pass()).withOpenSshCipher(c.sshName()))
            .as(c.sshName()).isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      KeyProtection p = KeyProtection.passphrase(pass()).withOpenSshCipher(c.sshName()).withBcryptRounds(1);
      byte[] text = OpenSshPrivateKeys.encode(key, p);
      DecodedPrivateKey d = decode(text, pass());
      assertThat(d.requirePrivateKey().sameKey(key)).as(c.sshName()).isTrue();
      assertThat(d.requirePrivateKey().comment()).isEqualTo(key.comment());
      assertThat(d.encryption()).contains(c.sshName() + "/bcrypt/1");
    }
  }

  @Test
  void defaultsAreAes256CtrWith24RoundsAndA16ByteSalt() {
    byte[] text = OpenSshPrivateKeys.encode(TestKeys.ed25519Private(1), KeyProtection.passphrase(pass()));
    OpenSshKeyFiles.Parts parts = OpenSshKeyFiles.Parts.of(text);
    assertThat(parts.cipher()).isEqualTo("aes256-ctr");
    assertThat(parts.kdf()).isEqualTo("bcrypt");
    assertThat(parts.rounds()).isEqualTo(24);
    assertThat(parts.salt()).hasSize(16);
    assertThat(decode(text, pass()).encryption()).contains("aes256-ctr/bcrypt/24");
    assertThat(new String(text, StandardCharsets.US_ASCII)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
        .endsWith("\n-----END OPENSSH PRIVATE KEY-----\n");
  }

  @Test
  void refusesWhatItDoesNotWrite() {
    SshPrivateKey dsa = decode(fixture("dsa1024.key"), null).requirePrivateKey();
    assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> OpenSshPrivateKeys.encode(dsa, NONE));
    SshPrivateKey nul = TestKeys.ed25519Private(2).withComment(Comment.ofBytes(new byte[] {'a', 0, 'b'}));
    assertFails(ErrorCode.UNREPRESENTABLE, () -> OpenSshPrivateKeys.encode(nul, NONE));
    SshPrivateKey ok = TestKeys.ed25519Private(2);
    // ciphers it does not write are refused when the protection is built, before any key is touched
    for (String cipher : new String[] {"none", "3des-cbc", "aes512-ctr", "AES256-CTR", ""}) {
      assertThatThrownBy(() -> KeyProtection.passphrase(pass()).withOpenSshCipher(cipher)).as(cipher)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an OpenSSH cipher");
    }
    assertThatThrownBy(() -> OpenSshPrivateKeys.encode(null, NONE)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OpenSshPrivateKeys.encode(ok, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OpenSshPrivateKeys.decode(null, null, LIMITS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OpenSshPrivateKeys.decode(new byte[0], null, null)).isInstanceOf(NullPointerException.class);
  }

  /** Comments are bytes: spaces, UTF-8 and bytes that are not UTF-8 come back exactly. */
  @Test
  void commentBytesRoundTrip() {
    byte[][] comments = {{}, "me@host".getBytes(StandardCharsets.UTF_8), " two  spaces ".getBytes(StandardCharsets.UTF_8),
        "é中".getBytes(StandardCharsets.UTF_8), {(byte) 0xff, (byte) 0xfe, 'x', '\n', '\r', '\t'}};
    for (byte[] c : comments) {
      SshPrivateKey key = TestKeys.ed25519Private(3).withComment(Comment.ofBytes(c));
      assertThat(decode(OpenSshPrivateKeys.encode(key, NONE), null).requirePrivateKey().comment().bytes().toByteArray())
          .isEqualTo(c);
    }
  }

  /** A NUL in the comment: OpenSSH refuses it (C string), and so does keypair. */
  @Test
  void nulInTheCommentIsAFormatError() {
    SshPrivateKey key = TestKeys.ed25519Private(4);
    byte[] text = OpenSshKeyFiles.Builder.of(key.keyData()).set(b -> b.comment = new byte[] {'a', 0}).text();
    assertFails(ErrorCode.FORMAT, () -> decode(text, null));
  }

  @Test
  void theArmourMustBeOpenSshs() {
    byte[] good = fixture("ed25519.key");
    String text = new String(good, StandardCharsets.US_ASCII);
    assertFails(ErrorCode.FORMAT, () -> decode(text.replace("OPENSSH PRIVATE KEY", "PRIVATE KEY")
        .getBytes(StandardCharsets.US_ASCII), null));
    assertFails(ErrorCode.FORMAT, () -> decode(text.replace("KEY-----\n", "KEY-----\nProc-Type: 4,ENCRYPTED\n\n")
        .replace("-----END OPENSSH PRIVATE KEY-----\n", "-----END OPENSSH PRIVATE KEY-----")
        .getBytes(StandardCharsets.US_ASCII), null));
    assertFails(ErrorCode.FORMAT, () -> decode((text + text).getBytes(StandardCharsets.US_ASCII), null));
    assertFails(ErrorCode.FORMAT, () -> decode(new byte[0], null));
    // CRLF line ends and text around the block are read (PemBlocks' policy)
    assertThat(decode(("comment\r\n" + text.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII), null)
        .publicKey()).isEqualTo(pub("ed25519"));
  }

  /** Security-key and certificate blobs in the envelope: keypair has no private key type for them. */
  @Test
  void unsupportedEnvelopeKeysAreRefused() {
    SshPrivateKey key = TestKeys.ed25519Private(5);
    byte[] skBlob = new dev.keypair.core.internal.SshWireWriter().writeString("sk-ssh-ed25519@openssh.com")
        .writeString(new byte[32]).writeString("ssh:").toByteArray();
    assertThat(dev.keypair.core.KeyData.fromBlob(skBlob).type()).isEqualTo(KeyType.SK_ED25519);
    assertFails(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(OpenSshKeyFiles.Builder.of(key.keyData()).set(b -> b.publicBlob = skBlob).text(), null));
    byte[] certBlob = OpenSshPublicKeys.parse(dev.keypair.testsupport.Fixtures.bytes("ed25519-user-cert.pub"))
        .keyData().blob().toByteArray();
    assertFails(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(OpenSshKeyFiles.Builder.of(key.keyData()).set(b -> b.publicBlob = certBlob).text(), null));
  }
}
