package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.SshWireReader;
import dev.keypair.formats.MutationSweep.Changes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenSSH {@code test_fuzz} sweep over openssh-key-v1 files (HOSTILE 3, 4), with
 * {@link MutationSweep}: every truncation from either end and changes of every byte, of unencrypted and
 * encrypted files of each key type, give a typed error or a key, within a time bound. An accepted
 * mutation must be harmless: unencrypted, the key re-encodes to exactly the mutated bytes (the checkint
 * aside); encrypted, it is the original key (a changed comment is all a stream cipher lets through).
 *
 * <p>Encrypted files use the cheapest cost the format has: one bcrypt round and aes128-ctr (one KDF
 * output block), about 2 ms per KDF run. Every mutation of the encrypted section runs the KDF, so for
 * files made here the section gets the byte flip at each offset while the cleartext envelope (header, KDF
 * options, public key, lengths) gets every bit flip too: a bit flip inside a CTR section is the same bit
 * flip of the plaintext, which the unencrypted sweep of the same key covers. The committed Ed25519
 * aes128-ctr fixture gets every bit flip everywhere.
 */
class OpenSshPrivateKeysMutationTest {

  /**
   * The default limits but 8 bcrypt rounds: a changed rounds field may ask for up to the cap, and at the
   * default cap of 1024 one KDF run takes seconds (measured in the README); the cap itself is
   * {@link OpenSshPrivateKeysHostileTest}'s subject.
   */
  private static final KeyPairLimits LIMITS = KeyPairLimits.builder().maxBcryptRounds(8).build();

  private static byte[] binary(String fixture) {
    return OpenSshKeyFiles.Parts.binary(OpenSshPrivateKeysTest.fixture(fixture));
  }

  /**
   * Unencrypted: an accepted mutation is the canonical file of what was read; written again with the
   * same checkint (DSA included, which the public encoder does not write), it is the mutated bytes.
   */
  private static MutationSweep.Decoder reencodesExactly() {
    return mutated -> {
      SshPrivateKey k = OpenSshPrivateKeys.decodeBinary(mutated, null, LIMITS).requirePrivateKey();
      OpenSshKeyFiles.Parts parts = OpenSshKeyFiles.Parts.ofBinary(mutated);
      int checkint = (int) new SshWireReader(parts.encrypted(), "test").readUint32("checkint");
      byte[] section = OpenSshPrivateKeys.privateSection(k.keyData(), k.comment().bytes().toByteArray(), checkint, 8);
      byte[] again = OpenSshPrivateKeys.envelope("none", "none", new byte[0],
          k.publicKey().keyData().blob().toByteArray(), section.length, section);
      assertThat(again).isEqualTo(mutated);
    };
  }

  /** Encrypted: an accepted mutation is the same key. */
  private static MutationSweep.Decoder sameKeyAs(SshPrivateKey original) {
    return mutated -> {
      DecodedPrivateKey d = OpenSshPrivateKeys.decodeBinary(mutated, OpenSshPrivateKeysTest.pass(), LIMITS);
      if (d.isUnlocked()) {
        assertThat(d.requirePrivateKey().sameKey(original)).isTrue();
      }
    };
  }

  /** {@code fixture}'s key encrypted with {@code cipher} and one bcrypt round, as binary. */
  private static byte[] encryptedOneRound(String fixture, String cipher) {
    SshPrivateKey key = OpenSshPrivateKeys.decode(OpenSshPrivateKeysTest.fixture(fixture), null, LIMITS)
        .requirePrivateKey();
    return OpenSshKeyFiles.Parts.binary(OpenSshPrivateKeys.encode(key,
        KeyProtection.passphrase(OpenSshPrivateKeysTest.pass()).withOpenSshCipher(cipher).withBcryptRounds(1)));
  }

  private static SshPrivateKey key(byte[] binary, Passphrase passphrase) {
    return OpenSshPrivateKeys.decodeBinary(binary, passphrase, LIMITS).requirePrivateKey();
  }

  @Test
  void unencryptedEd25519EveryValueOfEveryByte() {
    MutationSweep.Result r = MutationSweep.sweep(binary("ed25519.key"), Changes.ALL_VALUES, MutationSweep.NO_KDF,
        reencodesExactly());
    assertThat(r.accepted).as("changes of the comment's bytes are accepted").isPositive();
  }

  /** Without a comment: the same structure, so the bit flips and the sample of values. */
  @Test
  void unencryptedEd25519WithoutCommentBitFlipsAndSampledValues() {
    MutationSweep.sweep(binary("ed25519_nocomment.key"), Changes.BITS_AND_SAMPLE, MutationSweep.NO_KDF,
        reencodesExactly());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecdsa256", "ecdsa384", "ecdsa521", "rsa2048", "dsa1024"})
  void unencryptedBitFlips(String name) {
    MutationSweep.sweep(binary(name + ".key"), Changes.BITS_AND_COMPLEMENT, MutationSweep.NO_KDF, reencodesExactly());
  }

  @Test
  void encryptedAes128CtrOneRound() {
    byte[] bin = binary("ed25519_aes128ctr_a1.key");
    SshPrivateKey original = key(bin, OpenSshPrivateKeysTest.pass());
    MutationSweep.Result r = MutationSweep.sweep(bin, Changes.BITS_AND_COMPLEMENT, MutationSweep.WITH_KDF,
        sameKeyAs(original));
    // flipped comment bytes decrypt to another comment: CTR has no integrity, the checkints still match
    assertThat(r.accepted).isPositive();
  }

  /**
   * RSA and ECDSA with aes128-ctr, Ed25519 with aes256-cbc, encrypted: every bit flip of the cleartext
   * envelope, the byte flip in the section.
   */
  @ParameterizedTest
  @CsvSource({"rsa2048.key, aes128-ctr", "ecdsa256.key, aes128-ctr", "ecdsa384.key, aes128-ctr",
      "ecdsa521.key, aes128-ctr", "ed25519.key, aes256-cbc"})
  void encryptedOtherTypesOneRound(String fixture, String cipher) {
    byte[] bin = encryptedOneRound(fixture, cipher);
    int sectionStart = OpenSshKeyFiles.Parts.ofBinary(bin).sectionOffset() + 4;
    SshPrivateKey original = key(bin, OpenSshPrivateKeysTest.pass());
    MutationSweep.sweep(bin, i -> i < sectionStart ? Changes.BITS_AND_COMPLEMENT : Changes.COMPLEMENT,
        MutationSweep.WITH_KDF, sameKeyAs(original));
  }

  /** The AEAD ciphers: no change inside the section or its tag gets through. */
  @ParameterizedTest
  @ValueSource(strings = {"aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com"})
  void encryptedAeadOneRound(String cipher) {
    byte[] bin = encryptedOneRound("ed25519.key", cipher);
    SshPrivateKey key = key(bin, OpenSshPrivateKeysTest.pass());
    int sectionStart = OpenSshKeyFiles.Parts.ofBinary(bin).sectionOffset() + 4;
    int[] acceptedInSection = {0};
    MutationSweep.sweep(bin, Changes.COMPLEMENT, MutationSweep.WITH_KDF, mutated -> {
      sameKeyAs(key).decode(mutated);
      for (int i = sectionStart; i < bin.length; i++) {
        if (mutated[i] != bin[i]) {
          acceptedInSection[0]++;
        }
      }
    });
    assertThat(acceptedInSection[0]).isZero();
  }

  /**
   * The PEM text itself: truncations from both ends and, unencrypted, every bit and byte flip of its
   * characters; encrypted, the byte flip (a bit flip of a base64 character is a flip of the binary).
   */
  @ParameterizedTest
  @ValueSource(strings = {"ed25519.key", "ed25519_aes128ctr_a1.key"})
  void textSweep(String name) {
    byte[] text = OpenSshPrivateKeysTest.fixture(name);
    boolean encrypted = name.contains("aes");
    MutationSweep.sweep(text, encrypted ? Changes.COMPLEMENT : Changes.BITS_AND_COMPLEMENT,
        encrypted ? MutationSweep.WITH_KDF : MutationSweep.NO_KDF,
        t -> OpenSshPrivateKeys.decode(t, OpenSshPrivateKeysTest.pass(), LIMITS));
  }
}
