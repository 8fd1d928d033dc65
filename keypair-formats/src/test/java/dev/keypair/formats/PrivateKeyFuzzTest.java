package dev.keypair.formats;

import static dev.keypair.testsupport.Totality.FUZZ_LIMITS;
import static dev.keypair.testsupport.Totality.returnsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;

/**
 * Coverage-guided fuzz targets for the private-key decoders (README, "Fuzzing"). Each plain test run replays
 * the seeds under {@code PrivateKeyFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one target.
 * Every target decodes with the passphrase of its format's encrypted seeds, so the fuzzer reaches the
 * decrypted key, under {@link dev.keypair.testsupport.Totality#FUZZ_LIMITS} so that no KDF parameter
 * stalls a run. It asserts totality, that the private key matches the file's public key, and that the
 * key written again unencrypted in the same format reads back as the same key (where the format writes
 * it: DSA and a comment with a NUL are refused with the library's exception).
 */
class PrivateKeyFuzzTest {

  /** The passphrase of the encrypted fixtures in {@code pem-private/PASSPHRASE}. */
  private static final String PEM_PASSPHRASE = "keypair-fixture";
  /** {@link OpenSshKeyFiles#PASSPHRASE}. */
  private static final String OPENSSH_PASSPHRASE = OpenSshKeyFiles.PASSPHRASE;
  /** The passphrase of the encrypted fixtures in {@code ppk/fixture.pass}. */
  private static final String PPK_PASSPHRASE = "correct horse battery staple";

  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  /** PKCS#1, SEC1, DSA, PKCS#8 plain and encrypted, legacy {@code Proc-Type: 4,ENCRYPTED}. */
  @FuzzTest
  void pemPrivate(byte[] text) {
    returnsOrRefuses(() -> PemPrivateKeys.decode(text, passphrase(PEM_PASSPHRASE), FUZZ_LIMITS))
        .ifPresent(PrivateKeyFuzzTest::checkConsistent);
  }

  /** openssh-key-v1, plain and encrypted. */
  @FuzzTest
  void openSshPrivate(byte[] text) {
    returnsOrRefuses(() -> OpenSshPrivateKeys.decode(text, passphrase(OPENSSH_PASSPHRASE), FUZZ_LIMITS))
        .ifPresent(PrivateKeyFuzzTest::checkConsistent);
  }

  /** PuTTY PPK v2 and v3, plain and encrypted. */
  @FuzzTest
  void ppk(byte[] text) {
    returnsOrRefuses(() -> PuttyPrivateKeys.decode(text, passphrase(PPK_PASSPHRASE), FUZZ_LIMITS))
        .ifPresent(PrivateKeyFuzzTest::checkConsistent);
  }

  /** The auto-detecting entry point, with the passphrase of the detected format's seeds. */
  @FuzzTest
  void privateKeys(byte[] content) {
    String pass = returnsOrRefuses(() -> PrivateKeys.detect(content)).flatMap(f -> f)
        .map(PrivateKeyFuzzTest::passphraseOf).orElse(PEM_PASSPHRASE);
    returnsOrRefuses(() -> PrivateKeys.decode(content, passphrase(pass), FUZZ_LIMITS))
        .ifPresent(PrivateKeyFuzzTest::checkConsistent);
  }

  private static String passphraseOf(KeyFormat format) {
    return switch (format) {
      case OPENSSH_PRIVATE -> OPENSSH_PASSPHRASE;
      case PPK_V2, PPK_V3 -> PPK_PASSPHRASE;
      default -> PEM_PASSPHRASE;
    };
  }

  private static Passphrase passphrase(String text) {
    return Passphrase.of(text.toCharArray());
  }

  private static void checkConsistent(DecodedPrivateKey decoded) {
    assertThat(decoded.privateKey()).as("decrypted with the seeds' passphrase").isPresent();
    SshPrivateKey key = decoded.requirePrivateKey();
    assertThat(key.publicKey().sameKey(decoded.publicKey())).as("private key matches the public key").isTrue();
    returnsOrRefuses(() -> PrivateKeys.encode(key, decoded.format().privateFormat(), NONE)).ifPresent(again -> {
      DecodedPrivateKey reread = PrivateKeys.decode(again, null, FUZZ_LIMITS);
      assertThat(reread.format().privateFormat()).isEqualTo(decoded.format().privateFormat());
      assertThat(reread.requirePrivateKey().sameKey(key)).as("re-encoded key reads back").isTrue();
    });
  }
}
