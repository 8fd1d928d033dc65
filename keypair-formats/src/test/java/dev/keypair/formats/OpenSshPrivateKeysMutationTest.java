package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.SshWireReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenSSH {@code test_fuzz} sweep over openssh-key-v1 files (HOSTILE 3, 4): every truncation from
 * either end and single-byte changes, of unencrypted and encrypted fixtures, give a typed error or a
 * key, within a time bound. An accepted mutation must be harmless: unencrypted, the key re-encodes to
 * exactly the mutated bytes (the checkint aside); encrypted, it is the original key (a changed comment
 * is all a stream cipher lets through). Encrypted fixtures use one bcrypt round so that the few thousand
 * KDF runs stay fast.
 */
class OpenSshPrivateKeysMutationTest {

  /**
   * The default limits but 8 bcrypt rounds: a changed rounds field may ask for up to the cap, and at the
   * default cap of 1024 one KDF run takes seconds (measured in the README); the cap itself is
   * {@link OpenSshPrivateKeysHostileTest}'s subject.
   */
  private static final KeyPairLimits LIMITS = KeyPairLimits.builder().maxBcryptRounds(8).build();
  /**
   * Per decode: 100 ms without a KDF (HOSTILE's budget), 2 s where one may run. A decode over budget is
   * timed once more and the faster run counts, so that a pause of the machine (a collection, another
   * process) is not taken for the cost of the input; a slow input is slow twice.
   */
  private static final Duration NO_KDF_BUDGET = Duration.ofMillis(100);
  private static final Duration KDF_BUDGET = Duration.ofSeconds(2);

  /** How a sweep changes each byte. */
  enum Changes {
    /** All 255 other values: every bit flip and every byte flip. */
    ALL_VALUES,
    /** The 8 single-bit flips and the complement. */
    BITS_AND_COMPLEMENT,
    /** The complement only. */
    COMPLEMENT
  }

  private static byte[] binary(String fixture) {
    return OpenSshKeyFiles.Parts.binary(OpenSshPrivateKeysTest.fixture(fixture));
  }

  /**
   * Unencrypted: an accepted mutation is the canonical file of what was read; written again with the
   * same checkint (DSA included, which the public encoder does not write), it is the mutated bytes.
   */
  private static BiConsumer<byte[], DecodedPrivateKey> reencodesExactly() {
    return (mutated, d) -> {
      SshPrivateKey k = d.requirePrivateKey();
      OpenSshKeyFiles.Parts parts = OpenSshKeyFiles.Parts.ofBinary(mutated);
      int checkint = (int) new SshWireReader(parts.encrypted(), "test").readUint32("checkint");
      byte[] section = OpenSshPrivateKeys.privateSection(k.keyData(), k.comment().bytes().toByteArray(), checkint, 8);
      byte[] again = OpenSshPrivateKeys.envelope("none", "none", new byte[0],
          k.publicKey().keyData().blob().toByteArray(), section.length, section);
      assertThat(again).isEqualTo(mutated);
    };
  }

  /** Encrypted: an accepted mutation is the same key. */
  private static BiConsumer<byte[], DecodedPrivateKey> sameKeyAs(SshPrivateKey original) {
    return (mutated, d) -> {
      if (d.isUnlocked()) {
        assertThat(d.requirePrivateKey().sameKey(original)).isTrue();
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ed25519_nocomment"})
  void unencryptedEd25519EveryValueOfEveryByte(String name) {
    int accepted = sweep(binary(name + ".key"), null, Changes.ALL_VALUES, reencodesExactly());
    if (name.equals("ed25519")) {
      assertThat(accepted).as("changes of the comment's bytes are accepted").isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecdsa256", "ecdsa521", "rsa2048", "dsa1024"})
  void unencryptedBitFlips(String name) {
    sweep(binary(name + ".key"), null, Changes.BITS_AND_COMPLEMENT, reencodesExactly());
  }

  @Test
  void encryptedAes128CtrOneRound() {
    byte[] bin = binary("ed25519_aes128ctr_a1.key");
    SshPrivateKey original = OpenSshPrivateKeys.decodeBinary(bin, OpenSshPrivateKeysTest.pass(), LIMITS)
        .requirePrivateKey();
    int accepted = sweep(bin, OpenSshPrivateKeysTest.pass(), Changes.BITS_AND_COMPLEMENT, sameKeyAs(original));
    // flipped comment bytes decrypt to another comment: CTR has no integrity, the checkints still match
    assertThat(accepted).isPositive();
  }

  /** The AEAD ciphers: no change inside the section or its tag gets through. */
  @ParameterizedTest
  @ValueSource(strings = {"aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com"})
  void encryptedAeadOneRound(String cipher) {
    SshPrivateKey key = OpenSshPrivateKeys.decode(OpenSshPrivateKeysTest.fixture("ed25519.key"), null, LIMITS)
        .requirePrivateKey();
    byte[] text = OpenSshPrivateKeys.encode(key,
        KeyProtection.passphrase(OpenSshPrivateKeysTest.pass()).withOpenSshCipher(cipher).withBcryptRounds(1));
    byte[] bin = OpenSshKeyFiles.Parts.binary(text);
    int sectionStart = OpenSshKeyFiles.Parts.ofBinary(bin).sectionOffset() + 4;
    int[] acceptedInSection = {0};
    sweep(bin, OpenSshPrivateKeysTest.pass(), Changes.COMPLEMENT, (mutated, d) -> {
      sameKeyAs(key).accept(mutated, d);
      for (int i = sectionStart; i < bin.length; i++) {
        if (mutated[i] != bin[i]) {
          acceptedInSection[0]++;
        }
      }
    });
    assertThat(acceptedInSection[0]).isZero();
  }

  /** Truncations of the PEM text itself, from both ends. */
  @ParameterizedTest
  @ValueSource(strings = {"ed25519.key", "ed25519_aes128ctr_a1.key"})
  void textTruncations(String name) {
    byte[] text = OpenSshPrivateKeysTest.fixture(name);
    Duration budget = budget(OpenSshKeyFiles.Parts.binary(text));
    for (int n = 0; n < text.length; n++) {
      check(Arrays.copyOf(text, n), OpenSshPrivateKeysTest.pass(), "text prefix " + n, true, budget, null);
      check(Arrays.copyOfRange(text, text.length - n, text.length), OpenSshPrivateKeysTest.pass(), "text suffix " + n,
          true, budget, null);
    }
  }

  /** Every truncation of the binary, then the changes at every offset; returns how many were accepted. */
  private static int sweep(byte[] original, Passphrase passphrase, Changes changes,
      BiConsumer<byte[], DecodedPrivateKey> onAccepted) {
    OpenSshPrivateKeys.decodeBinary(original, passphrase, LIMITS).requirePrivateKey();
    Duration budget = budget(original);
    int accepted = 0;
    for (int n = 0; n < original.length; n++) {
      accepted += check(Arrays.copyOf(original, n), passphrase, "prefix of " + n, false, budget, onAccepted);
      accepted += check(Arrays.copyOfRange(original, original.length - n, original.length), passphrase,
          "suffix of " + n, false, budget, onAccepted);
    }
    byte[] m = original.clone();
    for (int i = 0; i < m.length; i++) {
      for (int v : values(original[i] & 0xff, changes)) {
        m[i] = (byte) v;
        accepted += check(m, passphrase, "byte " + i + " = " + v, false, budget, onAccepted);
      }
      m[i] = original[i];
    }
    return accepted;
  }

  private static int[] values(int b, Changes changes) {
    switch (changes) {
      case ALL_VALUES: {
        int[] out = new int[255];
        int k = 0;
        for (int v = 0; v < 256; v++) {
          if (v != b) {
            out[k++] = v;
          }
        }
        return out;
      }
      case BITS_AND_COMPLEMENT: {
        int[] out = new int[9];
        for (int bit = 0; bit < 8; bit++) {
          out[bit] = b ^ (1 << bit);
        }
        out[8] = b ^ 0xff;
        return out;
      }
      default:
        return new int[] {b ^ 0xff};
    }
  }

  /** 100 ms for an unencrypted file, 2 s where the (one-round) KDF may run. */
  private static Duration budget(byte[] original) {
    return OpenSshKeyFiles.Parts.ofBinary(original).cipher().equals("none") ? NO_KDF_BUDGET : KDF_BUDGET;
  }

  private static int check(byte[] input, Passphrase passphrase, String what, boolean text, Duration budget,
      BiConsumer<byte[], DecodedPrivateKey> onAccepted) {
    Duration took = Duration.ZERO;
    DecodedPrivateKey d = null;
    for (int run = 0; run < 2; run++) {
      long start = System.nanoTime();
      try {
        d = text ? OpenSshPrivateKeys.decode(input, passphrase, LIMITS)
            : OpenSshPrivateKeys.decodeBinary(input, passphrase, LIMITS);
      } catch (KeyPairException expected) {
        assertThat(expected.getMessage()).doesNotContain("\n");
        d = null;
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        return fail("%s escaped as %s", what, e);
      }
      took = Duration.ofNanos(System.nanoTime() - start);
      if (took.compareTo(budget) <= 0) {
        break;
      }
    }
    assertThat(took).as("%s decoded in (budget x %d)", what, Hostile.SLACK)
        .isLessThanOrEqualTo(budget.multipliedBy(Hostile.SLACK));
    if (d == null) {
      return 0;
    }
    if (onAccepted != null) {
      onAccepted.accept(input.clone(), d);
    }
    return 1;
  }
}
