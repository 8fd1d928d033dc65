package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.internal.PemBlocks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSH's {@code test_fuzz} sweep (HOSTILE 3, 4) over the PEM private key fixtures: every truncation
 * (each prefix and each suffix), every 1-bit flip and every 1-byte flip ({@code XOR 0xff}) of the DER,
 * and for the smallest unencrypted fixture every other value of every byte. Each mutation gives a
 * {@link KeyPairException} or a key; nothing else escapes. An unencrypted key that is accepted must
 * re-encode to exactly the mutated bytes (the codecs are canonical), the one exception being a PKCS#8
 * version 1 without a public key, which is written back as version 0. The same sweep over the PEM text
 * of a few fixtures.
 */
class PemPrivateMutationTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  private static byte[] reencode(SshPrivateKey key, String label) {
    PrivateKeyFormat format = label.equals(PemPrivateKeys.PKCS8_LABEL) ? PrivateKeyFormat.PKCS8 : PrivateKeyFormat.PEM;
    return PemBlocks.parseSingle(PemPrivateKeys.encode(key, format, NONE), LIMITS, "re-encoded").der();
  }

  /** Decodes {@code der} under {@code label}; an accepted key must re-encode to it. */
  private static Function<byte[], Boolean> plain(String label, boolean canReencode) {
    return der -> {
      DecodedPrivateKey d = PemPrivateKeys.decode(PemBlocks.encodeBytes(label, der), null, LIMITS);
      if (canReencode) {
        byte[] out = reencode(d.requirePrivateKey(), label);
        if (!Arrays.equals(out, der) && label.equals(PemPrivateKeys.PKCS8_LABEL)) {
          // a PrivateKeyInfo version 1 (02 01 01 after the outer SEQUENCE's header) is written back as 0
          byte[] v0 = der.clone();
          int versionAt = ((der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7f)) + 2;
          if (v0[versionAt] == 1) {
            v0[versionAt] = 0;
          }
          assertThat(out).as("an accepted mutation re-encodes to itself").isEqualTo(v0);
        } else {
          assertThat(out).as("an accepted mutation re-encodes to itself").isEqualTo(der);
        }
      }
      return true;
    };
  }

  /** Decodes {@code der} under the fixture's label and headers, with the fixtures' passphrase. */
  private static Function<byte[], Boolean> encrypted(PemBlocks.Block fixture) {
    return der -> {
      byte[] text = PemBlocks.encode(fixture.label(), fixture.headers(), der).getBytes(StandardCharsets.US_ASCII);
      PemPrivateKeys.decode(text, PemPrivateFixtures.passphrase(), LIMITS).requirePrivateKey();
      return true;
    };
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"rsa1024.pkcs1.pem, false", "rsa1024.pkcs8.pem, false", "ec256.sec1.pem, false",
      "ec384.pkcs8.pem, false", "ed25519.pkcs8.pem, true", "dsa1024.dsa.pem, false", "dsa1024.pkcs8.pem, false"})
  void unencryptedDerSweep(String file, boolean everyValue) {
    PemBlocks.Block block = PemBlocks.parseSingle(PemPrivateFixtures.bytes(file), LIMITS, file);
    boolean canReencode = !file.startsWith("dsa");
    int accepted = sweep(block.der(), plain(block.label(), canReencode), everyValue);
    if (file.startsWith("ed25519")) {
      // any 32 bytes are a seed: changed seeds are other keys, accepted
      assertThat(accepted).isGreaterThan(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ec256.pkcs8.iter16.pem", "ec256.pkcs8.scrypt-n16.pem", "ec256.sec1.aes256.pem",
      "rsa2048.pkcs1.des3.pem", "dsa1024.dsa.aes128.pem"})
  void encryptedDerSweep(String file) {
    PemBlocks.Block block = PemBlocks.parseSingle(PemPrivateFixtures.bytes(file), LIMITS, file);
    sweep(block.der(), encrypted(block), false);
  }

  /** The PEM text: truncations and flips of the base64, the boundaries and the headers. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ec256.sec1.aes256.pem", "ec256.pkcs8.iter16.pem", "ed25519.pkcs8.pem", "rsa1024.pkcs1.pem"})
  void textSweep(String file) {
    byte[] text = PemPrivateFixtures.bytes(file);
    sweep(text, t -> {
      PemPrivateKeys.decode(t, PemPrivateFixtures.passphrase(), LIMITS).requirePrivateKey();
      return true;
    }, false);
  }

  /**
   * Runs {@code decode} on the original (which must be accepted) and on every mutation; returns how many
   * mutations were accepted.
   */
  private static int sweep(byte[] original, Function<byte[], Boolean> decode, boolean everyValue) {
    assertThat(decode.apply(original)).isTrue();
    int accepted = 0;
    for (int n = 0; n < original.length; n++) {
      accepted += check(Arrays.copyOf(original, n), decode, "prefix of " + n);
      accepted += check(Arrays.copyOfRange(original, original.length - n, original.length), decode, "suffix of " + n);
    }
    byte[] m = original.clone();
    for (int i = 0; i < m.length; i++) {
      for (int v : values(original[i], everyValue)) {
        m[i] = (byte) v;
        accepted += check(m, decode, "byte " + i + " = " + v);
      }
      m[i] = original[i];
    }
    return accepted;
  }

  /** The values byte {@code b} is changed to: each 1-bit flip and the 1-byte flip, or all 255 others. */
  private static List<Integer> values(byte b, boolean everyValue) {
    List<Integer> out = new ArrayList<>();
    if (everyValue) {
      for (int v = 0; v < 256; v++) {
        if ((byte) v != b) {
          out.add(v);
        }
      }
    } else {
      for (int bit = 0; bit < 8; bit++) {
        out.add((b ^ (1 << bit)) & 0xff);
      }
      out.add((b ^ 0xff) & 0xff);
    }
    return out;
  }

  private static int check(byte[] input, Function<byte[], Boolean> decode, String what) {
    try {
      decode.apply(input.clone());
      return 1;
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).as(what).doesNotContain("\n");
      return 0;
    } catch (AssertionError e) {
      throw new AssertionError(what + ": " + e.getMessage(), e);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return fail("%s escaped as %s", what, e);
    }
  }
}
