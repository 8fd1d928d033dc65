package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.MutationSweep.Changes;
import dev.keypair.formats.internal.PemBlocks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSH's {@code test_fuzz} sweep (HOSTILE 3, 4) over the PEM private key fixtures, with
 * {@link MutationSweep}: every truncation from either end, and for each byte of the DER every 1-bit flip
 * and the 1-byte flip ({@code XOR 0xff}), plus a deterministic sample of other values for the
 * unencrypted RSA 1024 and DSA keys and all 255 other values for the smallest, Ed25519. Each mutation gives a
 * {@link KeyPairException} or a key; nothing else escapes. An unencrypted key that is accepted must
 * re-encode to exactly the mutated bytes (the codecs are canonical), the one exception being a PKCS#8
 * version 1 without a public key, which is written back as version 0. Encrypted PKCS#8 of every key
 * type is written here with one PBKDF2 iteration (the lowest cost the format has) beside the tools'
 * 16-iteration and scrypt N=16 fixtures. The same sweep over the PEM text of a few fixtures.
 */
class PemPrivateMutationTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  private static byte[] reencode(SshPrivateKey key, String label) {
    PrivateKeyFormat format = label.equals(PemPrivateKeys.PKCS8_LABEL) ? PrivateKeyFormat.PKCS8 : PrivateKeyFormat.PEM;
    return PemBlocks.parseSingle(PemPrivateKeys.encode(key, format, NONE), LIMITS, "re-encoded").der();
  }

  /** Decodes {@code der} under {@code label}; an accepted key must re-encode to it. */
  private static MutationSweep.Decoder plain(String label, boolean canReencode) {
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
    };
  }

  /** Decodes {@code der} under the block's label and headers, with the fixtures' passphrase. */
  private static MutationSweep.Decoder encrypted(PemBlocks.Block block) {
    return der -> {
      byte[] text = PemBlocks.encode(block.label(), block.headers(), der).getBytes(StandardCharsets.US_ASCII);
      PemPrivateKeys.decode(text, PemPrivateFixtures.passphrase(), LIMITS).requirePrivateKey();
    };
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"rsa1024.pkcs1.pem, false", "rsa2048.pkcs1.pem, false", "rsa1024.pkcs8.pem, false",
      "ec256.pkcs8.pem, false", "ec384.pkcs8.pem, false", "ec521.pkcs8.pem, false", "ec256.sec1.pem, false",
      "ec384.sec1.pem, false", "ec521.sec1.pem, false", "ed25519.pkcs8.pem, true", "dsa1024.dsa.pem, false",
      "dsa1024.pkcs8.pem, false"})
  void unencryptedDerSweep(String file, boolean everyValue) {
    PemBlocks.Block block = PemBlocks.parseSingle(PemPrivateFixtures.bytes(file), LIMITS, file);
    boolean canReencode = !file.startsWith("dsa");
    // an accepted EC mutation costs a scalar multiplication (the public point is checked): no sample there
    Changes changes = everyValue ? Changes.ALL_VALUES
        : file.startsWith("rsa1024") || file.startsWith("dsa") ? Changes.BITS_AND_SAMPLE : Changes.BITS_AND_COMPLEMENT;
    MutationSweep.Result r = MutationSweep.sweep(block.der(), changes, MutationSweep.NO_KDF,
        plain(block.label(), canReencode));
    if (file.startsWith("ed25519")) {
      // any 32 bytes are a seed: changed seeds are other keys, accepted
      assertThat(r.accepted).isGreaterThan(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ec256.pkcs8.iter16.pem", "ec256.pkcs8.scrypt-n16.pem", "ec256.sec1.aes256.pem",
      "rsa2048.pkcs1.des3.pem", "ec521.sec1.des3.pem", "dsa1024.dsa.aes128.pem"})
  void encryptedDerSweep(String file) {
    PemBlocks.Block block = PemBlocks.parseSingle(PemPrivateFixtures.bytes(file), LIMITS, file);
    MutationSweep.sweep(block.der(), Changes.BITS_AND_COMPLEMENT, MutationSweep.WITH_KDF, encrypted(block));
  }

  /** Encrypted PKCS#8 of each key type, with one PBKDF2 iteration. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rsa1024.pkcs8.pem", "ec256.pkcs8.pem", "ec384.pkcs8.pem", "ec521.pkcs8.pem",
      "ed25519.pkcs8.pem"})
  void encryptedPkcs8OneIterationSweep(String file) {
    SshPrivateKey key = PemPrivateKeys.decode(PemPrivateFixtures.bytes(file), null, LIMITS).requirePrivateKey();
    byte[] text = PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8,
        KeyProtection.passphrase(PemPrivateFixtures.passphrase()).withPbkdf2Iterations(1));
    PemBlocks.Block block = PemBlocks.parseSingle(text, LIMITS, file);
    MutationSweep.sweep(block.der(), Changes.BITS_AND_COMPLEMENT, MutationSweep.WITH_KDF, encrypted(block));
  }

  /** The PEM text: truncations and flips of the base64, the boundaries and the headers. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ec256.sec1.aes256.pem", "ec256.pkcs8.iter16.pem", "ed25519.pkcs8.pem", "rsa1024.pkcs1.pem"})
  void textSweep(String file) {
    byte[] text = PemPrivateFixtures.bytes(file);
    MutationSweep.sweep(text, Changes.BITS_AND_COMPLEMENT, MutationSweep.WITH_KDF,
        t -> PemPrivateKeys.decode(t, PemPrivateFixtures.passphrase(), LIMITS).requirePrivateKey());
  }
}
