package dev.keypair.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testsupport.Fixtures;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintMatcherTest {

  private static KeyData key(String name) {
    return OpenSshPublicKeys.parse(Fixtures.bytes(name + ".pub")).keyData();
  }

  private static Optional<FingerprintAlgorithm> match(KeyData k, String pasted) {
    return FingerprintMatcher.match(k, pasted).matched();
  }

  @Test
  void everySpellingOfSha256() {
    KeyData k = key("ed25519");
    Fingerprint fp = Fingerprints.sha256(k);
    String b64 = fp.in(FingerprintEncoding.BASE64).value();
    for (String s : List.of(fp.value(), b64, b64 + "=", "sha256:" + b64, "  " + fp.value() + "\n",
        fp.in(FingerprintEncoding.HEX_COLONS).value(), fp.in(FingerprintEncoding.HEX).value().toUpperCase(Locale.ROOT),
        Fixtures.line("ed25519.l.sha256"))) {
      assertThat(match(k, s)).as(s).contains(FingerprintAlgorithm.SHA256);
    }
  }

  @Test
  void md5AndSha1Spellings() {
    KeyData k = key("ecdsa384");
    Fingerprint md5 = Fingerprints.md5(k);
    assertThat(match(k, md5.value())).contains(FingerprintAlgorithm.MD5);
    assertThat(match(k, md5.in(FingerprintEncoding.HEX_COLONS).value().toUpperCase(Locale.ROOT)))
        .contains(FingerprintAlgorithm.MD5);
    assertThat(match(k, md5.in(FingerprintEncoding.HEX).value())).contains(FingerprintAlgorithm.MD5);
    assertThat(match(k, Fingerprints.sha1(k).value())).contains(FingerprintAlgorithm.SHA1);
  }

  @Test
  void awsImportedRsaAndEd25519() {
    KeyData rsa = key("rsa2048");
    assertThat(match(rsa, Fixtures.line("rsa2048.aws-md5"))).contains(FingerprintAlgorithm.AWS_IMPORTED_MD5);
    KeyData ed = key("ed25519");
    assertThat(match(ed, AwsFingerprints.imported(ed).value())).contains(FingerprintAlgorithm.SHA256);
  }

  @Test
  void awsCreatedNeedsThePrivateKey() {
    dev.keypair.core.SshPrivateKey priv = dev.keypair.core.SshPrivateKey.of(dev.keypair.testsupport.TestKeys.rsaPool().get(1));
    Fingerprint created = AwsFingerprints.created(priv);
    assertThat(created.value()).hasSize(59);
    assertThat(match(priv.keyData().publicKey(), created.value())).isEmpty();
    assertThat(FingerprintMatcher.match(priv, created.value()).matched()).contains(FingerprintAlgorithm.AWS_CREATED_SHA1);
    assertThat(FingerprintMatcher.match(priv, Fingerprints.sha256(priv.keyData().publicKey()).value()).matched())
        .contains(FingerprintAlgorithm.SHA256);
  }

  /** Extra candidates are tried besides the key's own fingerprints, never instead of them. */
  @Test
  void extraCandidatesDoNotHideTheKeysOwn() {
    KeyData rsa = key("rsa2048");
    Fingerprint bogus = new Fingerprint(FingerprintAlgorithm.SHA256, dev.keypair.core.Bytes.of(new byte[32]),
        FingerprintEncoding.OPENSSH);
    assertThat(FingerprintMatcher.match(rsa, Fingerprints.sha256(rsa).value(), List.of(bogus)).matched())
        .contains(FingerprintAlgorithm.SHA256);
  }

  @Test
  void opensshSpellingOfEveryAlgorithmUsesItsHashName() {
    KeyData rsa = key("rsa2048");
    assertThat(AwsFingerprints.imported(rsa).in(FingerprintEncoding.OPENSSH).value()).startsWith("MD5:");
    assertThat(AwsFingerprints.created(dev.keypair.core.SshPrivateKey.of(dev.keypair.testsupport.TestKeys.rsaPool().get(0)))
        .in(FingerprintEncoding.OPENSSH).value()).startsWith("SHA1:");
    assertThatThrownBy(() -> Randomart.draw(rsa, FingerprintAlgorithm.AWS_IMPORTED_MD5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefixNarrowsTheCandidates() {
    KeyData rsa = key("rsa2048");
    String awsHex = Fixtures.line("rsa2048.aws-md5");
    assertThat(match(rsa, awsHex)).contains(FingerprintAlgorithm.AWS_IMPORTED_MD5);
    assertThat(match(rsa, "MD5:" + awsHex)).contains(FingerprintAlgorithm.AWS_IMPORTED_MD5);
    // a prefix that does not fit the length is no fingerprint spelling at all
    assertThatThrownBy(() -> match(rsa, "SHA1:" + awsHex))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FINGERPRINT));
  }

  @Test
  void certificateMatchesItsKeyAndItsWholeBlob() {
    KeyData cert = key("rsa2048-user-cert");
    assertThat(FingerprintMatcher.match(cert, Fingerprints.sha256(cert).value()).ofWholeCertificate()).isFalse();
    FingerprintMatcher.Result whole = FingerprintMatcher.match(cert,
        Fingerprints.ofWholeBlob(cert, FingerprintAlgorithm.SHA256).value());
    assertThat(whole.matched()).contains(FingerprintAlgorithm.SHA256);
    assertThat(whole.ofWholeCertificate()).isTrue();
  }

  @Test
  void anotherKeysFingerprintDoesNotMatch() {
    FingerprintMatcher.Result r = FingerprintMatcher.match(key("rsa2048"), Fingerprints.sha256(key("rsa3072")).value());
    assertThat(r.isMatch()).isFalse();
    assertThat(r.tried()).containsExactly(FingerprintAlgorithm.SHA256);
  }

  /** HOSTILE 9: a pasted line is capped at the line limit, so a long comment still matches. */
  @Test
  void pastedTextIsCappedAtTheLineLimit() {
    String line = Fixtures.line("ed25519.l.sha256");
    String longComment = line.replace(" (ED25519)", " " + "c".repeat(600) + " (ED25519)");
    assertThat(FingerprintMatcher.match(key("ed25519"), longComment).isMatch()).isTrue();
    String tooLong = Fingerprints.sha256(key("ed25519")).value() + " " + "c".repeat(KeyPairLimits.defaults().maxLineBytes());
    assertThatThrownBy(() -> FingerprintMatcher.match(key("ed25519"), tooLong))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "nonsense", "SHA256:!!!", "ab:cd", "ab:cd:ef:zz:00:11:22:33:44:55:66:77:88:99:aa:bb",
      "SHA256:abc SHA256:def", "123 456"})
  void nonFingerprintsAreTypedErrors(String s) {
    assertThatThrownBy(() -> FingerprintMatcher.match(key("ed25519"), s))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FINGERPRINT));
  }
}
