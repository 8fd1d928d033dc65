package dev.keypair.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Bytes;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.KeyFormat;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeys;
import dev.keypair.formats.SubjectPublicKeyInfo;
import dev.keypair.testsupport.Vectors;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the shared vector table ({@code vectors/fingerprints/expected.tsv}) through the
 * library's API, read with format detection: public keys with {@code PublicKeys}, private key files
 * (PEM, OpenSSH, PPK) with {@code PrivateKeys}. A method this test does not know fails it.
 */
class FingerprintVectorsTest {

  /** The 512-bit DigitalOcean API example is below the default floor; read it with a lower one. */
  private static final KeyPairLimits LAX = KeyPairLimits.builder().rsaBits(512, 16384).build();

  static Stream<Vectors.Row> rows() {
    return Vectors.expected().stream();
  }

  private static KeyData read(String file) {
    byte[] content = Vectors.bytes(file);
    if (PrivateKeys.detect(content).isPresent()) {
      return PrivateKeys.decode(content, null, LAX).publicKey().keyData();
    }
    return PublicKeys.decode(content, LAX).key().keyData();
  }

  private static SshPrivateKey readPrivate(String file) {
    return PrivateKeys.decode(Vectors.bytes(file), null, LAX).requirePrivateKey();
  }

  @ParameterizedTest
  @MethodSource("rows")
  void row(Vectors.Row row) throws Exception {
    KeyData key = read(row.file());
    switch (row.method()) {
      case "aws_created_sha1" -> assertThat(AwsFingerprints.created(readPrivate(row.file())).value())
          .isEqualTo(row.expected());
      case "aws_import_md5_priv" -> assertThat(AwsFingerprints.imported(key).value()).isEqualTo(row.expected());
      case "spki_sha1_priv" -> {
        // moto's spelling for a key it created: SHA-1 of the public SPKI, which is not what AWS shows
        byte[] d = MessageDigest.getInstance("SHA-1").digest(SubjectPublicKeyInfo.encode(key));
        assertThat(HexFormat.ofDelimiter(":").formatHex(d)).isEqualTo(row.expected());
        assertThat(AwsFingerprints.created(readPrivate(row.file())).value()).isNotEqualTo(row.expected());
      }
      case "ppk_openssh_md5" -> assertThat(Fingerprints.md5(key).in(FingerprintEncoding.HEX_COLONS).value())
          .isEqualTo(row.expected());
      case "ppk_sha256" -> assertThat(Fingerprints.sha256(key).value()).isEqualTo(row.expected());
      case "aws_import_md5", "aws_import_md5_normws", "aws_import_md5_b64der", "aws_ed25519" ->
          assertThat(AwsFingerprints.imported(key).value()).isEqualTo(row.expected());
      case "openssh_sha256" -> assertThat(Fingerprints.sha256(key).value()).isEqualTo(row.expected());
      case "openssh_md5" ->
          assertThat(Fingerprints.md5(key).in(FingerprintEncoding.HEX_COLONS).value()).isEqualTo(row.expected());
      case "spki_sha256_hex", "spki_md5" -> {
        // moto's own spellings: digests of the SPKI DER. Show that this is what moto computes, and that
        // it is not what AWS shows (AWS: padded base64 SHA-256 of the SSH blob for Ed25519).
        String alg = row.method().equals("spki_md5") ? "MD5" : "SHA-256";
        byte[] d = MessageDigest.getInstance(alg).digest(SubjectPublicKeyInfo.encode(key));
        assertThat(HexFormat.ofDelimiter(":").formatHex(d)).isEqualTo(row.expected());
        assertThat(AwsFingerprints.imported(key).value()).isNotEqualTo(row.expected());
      }
      default -> throw new AssertionError("a vector method this test does not know: " + row.method());
    }
  }

  @Test
  void everyRowIsHere() {
    assertThat(Vectors.expected()).hasSize(36);
  }

  /** The p < q pitfall: puttygen swapped the primes, so the created-key SHA-1 changed but not the key. */
  @Test
  void puttygenSwappedPrimesChangeOnlyTheCreatedFingerprint() {
    SshPrivateKey before = readPrivate("derived/rsa2048_p_lt_q_pkcs1.pem");
    SshPrivateKey after = readPrivate("derived/rsa2048_p_lt_q_after_ppk_roundtrip.pem");
    assertThat(after.publicKey().sameKey(before.publicKey())).isTrue();
    assertThat(AwsFingerprints.imported(after.keyData().publicKey()))
        .isEqualTo(AwsFingerprints.imported(before.keyData().publicKey()));
    assertThat(AwsFingerprints.created(after)).isNotEqualTo(AwsFingerprints.created(before));
  }

  @Test
  void awsRefusesTheNegativeVectors() {
    for (String f : List.of("invalid/dsa.pub", "invalid/ecdsa_p256.pub", "kops/Test_AWSFingerprint_DsaKey.pub",
        "moto/dsa_openssh_rejected.pub", "spinifex/dsa_rejected.pub", "spinifex/ecdsa_rejected.pub")) {
      KeyData k = read(f);
      assertThatThrownBy(() -> AwsFingerprints.imported(k)).as(f)
          .isInstanceOfSatisfying(KeyPairException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM));
    }
  }

  /** Each malformed vector names the code it must produce (DESIGN.md: invalid vectors name their defect). */
  @ParameterizedTest
  @CsvSource({
      "invalid/empty.pub, InvalidKey.UnrecognizedFormat",
      "invalid/garbage.txt, InvalidKey.UnrecognizedFormat",
      "invalid/bad_base64.txt, InvalidKey.Format",
      "invalid/ssh-rsa_no_blob.txt, InvalidKey.Format",
      "invalid/ed25519_empty_blob.txt, InvalidKey.Format",
      "invalid/rfc4716_truncated.txt, InvalidKey.Format",
      "invalid/two_keys.txt, InvalidKey.Format",
      "moto/rsa_openssh.pub, InvalidKey.Format"})
  void malformedNegativeVectorsAreTypedErrors(String file, String code) {
    assertThatThrownBy(() -> PublicKeys.decode(Vectors.bytes(file), KeyPairLimits.defaults())).as(file)
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code().id()).isEqualTo(code));
  }

  /** Lines AWS may not take as "OpenSSH public key format" are told apart by their detected format. */
  @Test
  void authorizedKeysShapedVectorsAreNotPlainOpenSshLines() {
    for (String f : List.of("invalid/authorized_keys_options.txt", "invalid/leading_comment_line.txt")) {
      DecodedPublicKey d = PublicKeys.decode(Vectors.bytes(f), KeyPairLimits.defaults());
      assertThat(d.format()).as(f).isEqualTo(KeyFormat.AUTHORIZED_KEYS);
    }
    assertThat(PublicKeys.decode(Vectors.bytes("moto/rsa_openssh_clean.pub"), KeyPairLimits.defaults()).format())
        .isEqualTo(KeyFormat.OPENSSH);
  }

  @Test
  void theSameRsaKeyInEveryImportFormatHasOneAwsFingerprint() {
    Bytes blob = read("derived/rsa2048.pub").blob();
    for (String f : List.of("derived/rsa2048.rfc4716.pub", "derived/rsa2048.spki.der.b64", "derived/rsa2048.spki.pem",
        "derived/rsa2048.pkcs1pub.pem")) {
      assertThat(read(f).blob()).as(f).isEqualTo(blob);
    }
  }
}
