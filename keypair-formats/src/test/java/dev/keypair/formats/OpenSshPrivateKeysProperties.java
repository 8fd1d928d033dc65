package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.internal.OpenSshCipher;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.TestKeys;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * What re-encrypting changes; totality on arbitrary and mutated input. The round trips for every key
 * type, cipher and comment are keypair-testkit's {@code OpenSshPrivateKeysRoundTripProperties}. One or two bcrypt rounds keep the properties fast; the KDF itself is
 * {@code BcryptPbkdfTest}'s subject.
 */
class OpenSshPrivateKeysProperties {

  /** Two rounds at most, so that a mutated rounds field cannot make a try slow. */
  private static final KeyPairLimits LIMITS = KeyPairLimits.builder().maxBcryptRounds(2).build();

  private static Passphrase pass() {
    return OpenSshPrivateKeysTest.pass();
  }

  private static KeyProtection protection(String cipher, int rounds) {
    return cipher.equals("none") ? KeyProtection.none(InsecureSecretAccess.get())
        : KeyProtection.passphrase(pass()).withOpenSshCipher(cipher).withBcryptRounds(rounds);
  }

  @Provide
  Arbitrary<String> ciphers() {
    return Arbitraries.of(Arrays.stream(OpenSshCipher.values()).filter(OpenSshCipher::isWritable)
        .map(OpenSshCipher::sshName).toList());
  }

  @Provide
  Arbitrary<SshPrivateKey> keys() {
    return TestKeys.privateKeys();
  }

  /** Writing the same key twice changes the salt, the checkint and the ciphertext, nothing else. */
  @Property(tries = 60)
  void reEncryptingChangesOnlySaltCheckintsAndCiphertext(@ForAll("keys") SshPrivateKey key,
      @ForAll("ciphers") String cipher) {
    KeyProtection p = protection(cipher, 1);
    OpenSshKeyFiles.Parts a = OpenSshKeyFiles.Parts.of(OpenSshPrivateKeys.encode(key, p));
    OpenSshKeyFiles.Parts b = OpenSshKeyFiles.Parts.of(OpenSshPrivateKeys.encode(key, p));
    assertThat(b.cipher()).isEqualTo(a.cipher()).isEqualTo(cipher);
    assertThat(b.kdf()).isEqualTo(a.kdf());
    assertThat(b.nkeys()).isEqualTo(a.nkeys()).isEqualTo(1);
    assertThat(b.publicBlob()).isEqualTo(a.publicBlob()).isEqualTo(key.publicKey().keyData().blob().toByteArray());
    assertThat(b.sectionLength()).isEqualTo(a.sectionLength()).isEqualTo(a.encrypted().length);
    assertThat(b.tag()).hasSameSizeAs(a.tag());
    String passphrase = OpenSshKeyFiles.PASSPHRASE;
    byte[] sectionA = a.decrypt(passphrase);
    byte[] sectionB = b.decrypt(passphrase);
    assertThat(OpenSshKeyFiles.Parts.withoutCheckints(sectionB))
        .isEqualTo(OpenSshKeyFiles.Parts.withoutCheckints(sectionA));
    assertThat(Arrays.copyOf(sectionA, 4)).isEqualTo(Arrays.copyOfRange(sectionA, 4, 8));
    if (cipher.equals("none")) {
      assertThat(b.kdfOptions()).isEmpty();
      assertThat(a.kdfOptions()).isEmpty();
    } else {
      assertThat(b.rounds()).isEqualTo(a.rounds()).isEqualTo(1);
      assertThat(b.salt()).hasSize(16).isNotEqualTo(a.salt());
      assertThat(b.encrypted()).isNotEqualTo(a.encrypted());
    }
  }

  // --- totality

  @Property(tries = 2000)
  void arbitraryBytes(@ForAll @Size(max = 600) byte[] bytes) {
    decodeIsTotal(bytes);
    decodeIsTotal(PemBlocks.encodeBytes(OpenSshPrivateKeys.PEM_LABEL, bytes.length == 0 ? new byte[1] : bytes, 70));
    byte[] afterMagic = Arrays.copyOf(OpenSshPrivateKeys.MAGIC, OpenSshPrivateKeys.MAGIC.length + bytes.length);
    System.arraycopy(bytes, 0, afterMagic, OpenSshPrivateKeys.MAGIC.length, bytes.length);
    decodeIsTotal(PemBlocks.encodeBytes(OpenSshPrivateKeys.PEM_LABEL, afterMagic, 70));
  }

  /** Envelopes assembled from plausible and implausible pieces. */
  @Property(tries = 1000)
  void assembledEnvelopes(@ForAll("pieces") List<byte[]> pieces) {
    dev.keypair.core.internal.SshWireWriter w = new dev.keypair.core.internal.SshWireWriter();
    w.writeRaw(OpenSshPrivateKeys.MAGIC);
    pieces.forEach(w::writeRaw);
    decodeIsTotal(PemBlocks.encodeBytes(OpenSshPrivateKeys.PEM_LABEL, w.toByteArray(), 70));
  }

  @Provide
  Arbitrary<List<byte[]>> pieces() {
    byte[] ed = TestKeys.ed25519Private(1).publicKey().keyData().blob().toByteArray();
    Arbitrary<byte[]> strings = Arbitraries.of("none", "bcrypt", "aes256-ctr", "aes256-gcm@openssh.com",
        "chacha20-poly1305@openssh.com", "3des-cbc", "ssh-ed25519", "ssh-rsa", "", "x")
        .map(s -> new dev.keypair.core.internal.SshWireWriter().writeString(s).toByteArray());
    Arbitrary<byte[]> uints = Arbitraries.of(0L, 1L, 2L, 8L, 16L, 24L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL)
        .map(v -> new dev.keypair.core.internal.SshWireWriter().writeUint32(v).toByteArray());
    Arbitrary<byte[]> blobs = Arbitraries.just(new dev.keypair.core.internal.SshWireWriter().writeString(ed)
        .toByteArray());
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    return Arbitraries.oneOf(strings, uints, blobs, raw).list().ofMaxSize(14);
  }

  /** Several random changes at once to valid files, unencrypted and encrypted. */
  @Property(tries = 400)
  void mutatedFiles(@ForAll("mutatedFiles") byte[] text) {
    decodeIsTotal(text);
  }

  @Provide
  Arbitrary<byte[]> mutatedFiles() {
    SshPrivateKey key = TestKeys.ecdsaPrivate(dev.keypair.core.EcCurve.NISTP256, 3)
        .withComment(dev.keypair.core.Comment.of("mutated"));
    List<byte[]> originals = List.of(
        OpenSshKeyFiles.Parts.binary(OpenSshPrivateKeys.encode(key, protection("none", 1))),
        OpenSshKeyFiles.Parts.binary(OpenSshPrivateKeys.encode(key, protection("aes256-ctr", 1))),
        OpenSshKeyFiles.Parts.binary(OpenSshPrivateKeys.encode(key, protection("aes128-gcm@openssh.com", 1))));
    return Arbitraries.of(originals).flatMap(original -> Arbitraries.integers().between(0, original.length - 1)
        .list().ofMinSize(1).ofMaxSize(4).flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size())
            .map(values -> {
              byte[] m = original.clone();
              for (int i = 0; i < positions.size(); i++) {
                m[positions.get(i)] = values.get(i);
              }
              return PemBlocks.encodeBytes(OpenSshPrivateKeys.PEM_LABEL, m, 70);
            })));
  }

  private static void decodeIsTotal(byte[] text) {
    for (Passphrase p : new Passphrase[] {null, pass(), Passphrase.empty(), Passphrase.of("x".toCharArray())}) {
      try {
        DecodedPrivateKey d = OpenSshPrivateKeys.decode(text, p, LIMITS);
        assertThat(d.publicKey()).isNotNull();
      } catch (KeyPairException expected) {
        assertThat(expected.getMessage()).doesNotContain("\n");
      }
    }
  }
}
