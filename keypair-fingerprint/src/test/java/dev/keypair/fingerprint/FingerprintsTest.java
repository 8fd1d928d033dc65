package dev.keypair.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testsupport.Fixtures;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our fingerprint lines and randomart against what ssh-keygen printed for the same files. */
class FingerprintsTest {

  static Stream<String> fixtures() {
    return Stream.concat(Fixtures.PUBLIC_KEYS.stream(), Fixtures.CERTIFICATES.stream());
  }

  private static SshPublicKey key(String name) {
    return OpenSshPublicKeys.parse(Fixtures.bytes(name + ".pub"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void linesEqualSshKeygenL(String name) {
    SshPublicKey key = key(name);
    assertThat(Fingerprints.sshKeygenLineString(key, FingerprintAlgorithm.SHA256)).isEqualTo(Fixtures.line(name + ".l.sha256"));
    assertThat(Fingerprints.sshKeygenLineString(key, FingerprintAlgorithm.MD5)).isEqualTo(Fixtures.line(name + ".l.md5"));
    assertThat(Fingerprints.sshKeygenLineString(key, FingerprintAlgorithm.SHA1)).isEqualTo(Fixtures.line(name + ".l.sha1"));
  }

  /**
   * A key keeps its SHA-256 once computed (a file that repeats a key gives the same key object, so it is hashed
   * once): the same digest object on every call, equal to the SHA-256 of the blob, for keys and certificates
   * (the certificate's own blob; its certified key's separately).
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void theSha256IsComputedOnceAndIsTheBlobsDigest(String name) throws Exception {
    KeyData k = key(name).keyData();
    Fingerprint first = Fingerprints.ofWholeBlob(k, FingerprintAlgorithm.SHA256);
    assertThat(first.digest().toByteArray())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(k.blob().toByteArray()));
    assertThat(Fingerprints.ofWholeBlob(k, FingerprintAlgorithm.SHA256).digest()).isSameAs(first.digest());
    assertThat(Fingerprints.sha256(k).digest().toByteArray())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(k.plainKey().blob().toByteArray()));
    assertThat(Fingerprints.md5(k).digest()).as("MD5 is not kept").isNotSameAs(Fingerprints.md5(k).digest());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void randomartEqualsSshKeygenLv(String name) {
    SshPublicKey key = key(name);
    for (FingerprintAlgorithm alg : new FingerprintAlgorithm[] {FingerprintAlgorithm.SHA256, FingerprintAlgorithm.MD5}) {
      String expected = Fixtures.text(name + ".lv." + alg.displayName().toLowerCase(java.util.Locale.ROOT));
      String ours = Fingerprints.sshKeygenLineString(key, alg) + "\n"
          + Randomart.draw(key.keyData(), alg) + "\n";
      assertThat(ours).isEqualTo(expected);
    }
  }

  /** ssh-keygen -l fingerprints a certificate's certified key; the whole blob has its own digest. */
  @Test
  void certificateFingerprintIsTheCertifiedKeys() {
    SshPublicKey cert = key("ed25519-user-cert");
    SshPublicKey plain = key("ed25519");
    assertThat(Fingerprints.sha256(cert.keyData())).isEqualTo(Fingerprints.sha256(plain.keyData()));
    Fingerprint whole = Fingerprints.ofWholeBlob(cert.keyData(), FingerprintAlgorithm.SHA256);
    assertThat(whole.sameDigest(Fingerprints.sha256(plain.keyData()))).isFalse();
  }

  @Test
  void spellings() {
    Fingerprint fp = Fingerprints.md5(key("ed25519").keyData());
    assertThat(fp.value()).startsWith("MD5:").hasSize(4 + 47);
    assertThat(fp.in(FingerprintEncoding.HEX_COLONS).value()).hasSize(47).doesNotContain("MD5");
    assertThat(fp.in(FingerprintEncoding.HEX).value()).hasSize(32).doesNotContain(":");
    Fingerprint sha = Fingerprints.sha256(key("ed25519").keyData());
    assertThat(sha.in(FingerprintEncoding.BASE64_PADDED).value()).hasSize(44).endsWith("=");
    assertThat(sha.in(FingerprintEncoding.BASE64).value()).hasSize(43);
    assertThat(Base64.getDecoder().decode(sha.in(FingerprintEncoding.BASE64_PADDED).value()))
        .isEqualTo(sha.digest().toByteArray());
  }

  @Test
  void awsImportedFingerprintsEqualTheAwsGuideCommand() {
    for (String name : Fixtures.RSA_KEYS) {
      assertThat(AwsFingerprints.imported(key(name).keyData()).value()).as(name).isEqualTo(Fixtures.line(name + ".aws-md5"));
    }
    String sha = Fixtures.line("ed25519.l.sha256").split(" ")[1].substring("SHA256:".length());
    assertThat(AwsFingerprints.imported(key("ed25519").keyData()).value()).isEqualTo(sha + "=");
  }

  @Test
  void awsRefusesOtherKeyTypes() {
    for (String name : new String[] {"ecdsa256", "ecdsa521", "dsa1024", "rsa2048-user-cert"}) {
      assertThatThrownBy(() -> AwsFingerprints.imported(key(name).keyData()))
          .isInstanceOfSatisfying(KeyPairException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM))
          .hasMessageStartingWith("AWS accepts only RSA and Ed25519 keys");
    }
  }
}
