package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import dev.keypair.testsupport.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PEM {@code PUBLIC KEY} and {@code RSA PUBLIC KEY}: tool output byte for byte, the label policy, hostile PEM. */
class PemPublicKeysTest {

  static final List<String> SPKI_KEYS = Fixtures.SPKI_KEYS;
  static final List<String> RSA_KEYS = Fixtures.RSA_KEYS;

  private static SshPublicKey parse(String text) {
    return PemPublicKeys.parse(text);
  }

  // --- tool output (ssh-keygen -e -m PKCS8 / -m PEM, openssl pkey -pubout)

  @ParameterizedTest
  @FieldSource("SPKI_KEYS")
  void sshKeygenPkcs8FixtureRoundTripsByteForByte(String name) {
    String pem = Fixtures.text(name + ".pkcs8.pem");
    SshPublicKey key = parse(pem);
    assertThat(key.keyData()).isEqualTo(TestKeys.fixtureKey(name));
    assertThat(key.comment()).isEqualTo(Comment.none());
    assertThat(PemPublicKeys.encodeSpkiToString(key.keyData())).isEqualTo(pem);
  }

  @ParameterizedTest
  @FieldSource("RSA_KEYS")
  void sshKeygenPemFixtureRoundTripsByteForByte(String name) {
    String pem = Fixtures.text(name + ".pkcs1.pem");
    SshPublicKey key = parse(pem);
    assertThat(key.keyData()).isEqualTo(TestKeys.fixtureKey(name));
    assertThat(PemPublicKeys.encodePkcs1ToString(key.keyData())).isEqualTo(pem);
  }

  @Test
  void opensslEd25519Fixture() {
    String pem = Fixtures.text("ed25519_openssl.pkcs8.pem");
    Ed25519KeyData key = (Ed25519KeyData) parse(pem).keyData();
    assertThat(key.keyBytes()).isEqualTo(HexFormat.of().parseHex(Fixtures.line("ed25519_openssl.raw.hex")));
    assertThat(PemPublicKeys.encodeSpkiToString(key)).isEqualTo(pem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecdsa_openssl_P-256.pkcs8.pem", "ecdsa_openssl_P-521.pkcs8.pem"})
  void opensslEcFixtures(String file) throws Exception {
    String pem = Fixtures.text(file);
    KeyData key = parse(pem).keyData();
    assertThat(key).isInstanceOf(EcdsaKeyData.class);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    KeyData jdk = KeyData.fromJca(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
    assertThat(key).isEqualTo(jdk);
    assertThat(PemPublicKeys.encodeSpkiToString(key)).isEqualTo(pem);
  }

  @Test
  void derivedRsa2048Vectors() {
    KeyData expected = OpenSshPublicKeys.parse(Vectors.bytes("derived/rsa2048.pub")).keyData();
    String spki = new String(Vectors.bytes("derived/rsa2048.spki.pem"), StandardCharsets.US_ASCII);
    String pkcs1 = new String(Vectors.bytes("derived/rsa2048.pkcs1pub.pem"), StandardCharsets.US_ASCII);
    assertThat(parse(spki).keyData()).isEqualTo(expected);
    assertThat(parse(pkcs1).keyData()).isEqualTo(expected);
    assertThat(PemPublicKeys.encodeSpkiToString(expected)).isEqualTo(spki);
    assertThat(PemPublicKeys.encodePkcs1ToString(expected)).isEqualTo(pkcs1);
  }

  @Test
  void bytesAndLimitsOverloadsAgree() {
    String pem = Fixtures.text("ecdsa384.pkcs8.pem");
    byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
    assertThat(PemPublicKeys.parse(bytes)).isEqualTo(parse(pem));
    assertThat(PemPublicKeys.parse(bytes, KeyPairLimits.defaults())).isEqualTo(parse(pem));
  }

  // --- labels

  @ParameterizedTest
  @ValueSource(strings = {"RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
      "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY"})
  void privateKeyLabelsAreFormatSayingSo(String label) {
    String text = PemBlocks.encode(label, new byte[] {0x30, 0x00});
    KeyPairException e = assertFails(ErrorCode.FORMAT, () -> parse(text));
    assertThat(e.getMessage()).isEqualTo("PEM public key at line 1 is a private key (" + label
        + "); a public key was expected");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CERTIFICATE", "X509 CRL", "SSH2 PUBLIC KEY", "public key", "EC PARAMETERS", ""})
  void otherLabelsAreUnrecognized(String label) {
    String text = PemBlocks.encode(label, Base64.getDecoder().decode(Fixtures.line("rsa1024.der.b64")));
    assertThat(assertFails(ErrorCode.UNRECOGNIZED_FORMAT, () -> parse(text)).getMessage())
        .contains("expected PUBLIC KEY or RSA PUBLIC KEY");
  }

  @Test
  void headersInAPublicKeyAreFormat() {
    String text = Fixtures.text("rsa1024.pkcs1.pem").replaceFirst("-----\n", "-----\nComment: mine\n\n");
    assertThat(assertFails(ErrorCode.FORMAT, () -> parse(text)).getMessage()).contains("headers (Comment)");
  }

  @Test
  void aPkcs1BodyUnderThePublicKeyLabelIsFormat() {
    String text = Fixtures.text("rsa1024.pkcs1.pem").replace("RSA PUBLIC KEY", "PUBLIC KEY");
    assertFails(ErrorCode.FORMAT, () -> parse(text));
    String swapped = Fixtures.text("rsa1024.pkcs8.pem").replace("PUBLIC KEY", "RSA PUBLIC KEY");
    assertFails(ErrorCode.FORMAT, () -> parse(swapped));
  }

  @Test
  void pkcs1OfOtherKeysIsUnrepresentable() {
    for (String name : new String[] {"ecdsa256", "ed25519", "dsa1024", "rsa2048-user-cert"}) {
      KeyData key = TestKeys.fixtureKey(name);
      assertThat(assertFails(ErrorCode.UNREPRESENTABLE, () -> PemPublicKeys.encodePkcs1ToString(key)).getMessage())
          .contains("RSA keys only");
    }
  }

  @Test
  void spkiOfCertificatesIsUnrepresentable() {
    assertFails(ErrorCode.UNREPRESENTABLE, () -> PemPublicKeys.encodeSpkiToString(TestKeys.fixtureKey("ed25519-user-cert")));
  }

  // --- HOSTILE 5: trailing bytes after the DER inside PEM

  @Test
  void trailingBytesAfterTheDerInsidePemAreFormat() {
    for (String name : new String[] {"rsa2048", "ecdsa521", "dsa1024"}) {
      byte[] der = Base64.getDecoder().decode(Fixtures.line(name + ".der.b64"));
      String longer = PemBlocks.encode("PUBLIC KEY", Arrays.copyOf(der, der.length + 2));
      assertThat(assertFails(ErrorCode.FORMAT, () -> parse(longer)).getMessage()).contains("trailing bytes");
    }
    byte[] pkcs1 = PemBlocks.parseSingle(Fixtures.bytes("rsa2048.pkcs1.pem"), KeyPairLimits.defaults(), "t").der();
    String longer = PemBlocks.encode("RSA PUBLIC KEY", Arrays.copyOf(pkcs1, pkcs1.length + 1));
    assertThat(assertFails(ErrorCode.FORMAT, () -> parse(longer)).getMessage())
        .startsWith("RSAPublicKey: 1 trailing bytes");
  }

  // --- HOSTILE 6, 7

  @ParameterizedTest
  @ValueSource(strings = {"PUBLIC KEY", "RSA PUBLIC KEY"})
  void jschPayloadIsFormat(String label) {
    String text = "-----BEGIN " + label + "-----\nMIICWgIBAAKEf////w==\n-----END " + label + "-----\n";
    assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT, () -> parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUBLIC KEY", "RSA PUBLIC KEY"})
  void fiveThousandDeepSequenceIsRefusedQuickly(String label) {
    String text = PemBlocks.encode(label, Hostile.nestedSequences(5000));
    assertFailsWithin(Duration.ofMillis(100), ErrorCode.FORMAT, () -> parse(text));
  }

  // --- HOSTILE 8: each PEM edge case, through the public entry point

  private static final String RSA_PEM = Fixtures.text("rsa1024.pkcs8.pem");

  @Test
  void base64Garbage() {
    assertThat(assertFails(ErrorCode.FORMAT, () -> parse(RSA_PEM.replace("MIGf", "MI!f"))).getMessage())
        .isEqualTo("PEM public key body is not valid Base64 at line 2 (a character outside the alphabet)");
  }

  @Test
  void missingEnd() {
    assertFails(ErrorCode.FORMAT, () -> parse(RSA_PEM.replace("-----END PUBLIC KEY-----\n", "")));
  }

  @Test
  void mismatchedBeginAndEndLabels() {
    assertFails(ErrorCode.FORMAT, () -> parse(RSA_PEM.replace("-----END PUBLIC KEY", "-----END RSA PUBLIC KEY")));
  }

  @Test
  void unknownLabel() {
    assertFails(ErrorCode.UNRECOGNIZED_FORMAT, () -> parse(RSA_PEM.replace("PUBLIC KEY", "FOO")));
  }

  @Test
  void twoBlocks() {
    String two = RSA_PEM + Fixtures.text("ecdsa256.pkcs8.pem");
    assertThat(assertFails(ErrorCode.FORMAT, () -> parse(two)).getMessage()).contains("second PEM block");
  }

  @Test
  void procTypeEncryptedWithUnknownCipherInAPublicKey() {
    String text = RSA_PEM.replace("-----\nMIGf", "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: ROT13,00\n\nMIGf");
    assertThat(assertFails(ErrorCode.FORMAT, () -> parse(text)).getMessage()).contains("headers (Proc-Type)");
  }

  @Test
  void explanatoryTextIsIgnored() {
    String text = "Bag Attributes\n    friendlyName: key\nsubject=/CN=x\n" + RSA_PEM + "bye\n";
    assertThat(parse(text).keyData()).isEqualTo(TestKeys.fixtureKey("rsa1024"));
  }

  // --- HOSTILE 9: caps, line ends, NUL

  @Test
  void inputOverOneMibIsTooLargeBeforeDecoding() {
    String text = RSA_PEM + "x".repeat(1 << 20);
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> parse(text));
  }

  @Test
  void lineOver64KibIsTooLargeBeforeDecoding() {
    String text = RSA_PEM.replace("MIGf", "!".repeat(64 << 10) + "MIGf");
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> parse(text));
    String comment = "# " + "x".repeat(64 << 10) + "\n" + RSA_PEM; // even in text that would be ignored
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> parse(comment));
  }

  @Test
  void crlfAndMixedLineEndsParse() {
    KeyData expected = TestKeys.fixtureKey("rsa1024");
    assertThat(parse(RSA_PEM.replace("\n", "\r\n")).keyData()).isEqualTo(expected);
    String mixed = RSA_PEM.replaceFirst("\n", "\r\n").replace("B\n-----END", "B\r\n-----END");
    assertThat(parse(mixed).keyData()).isEqualTo(expected);
  }

  @Test
  void nulIsRejected() {
    assertFails(ErrorCode.FORMAT, () -> parse(RSA_PEM + "\0"));
    assertFails(ErrorCode.FORMAT, () -> parse(RSA_PEM.replace("MIGf", "MI\0Gf")));
  }

  // --- HOSTILE 23/24 through PEM

  @ParameterizedTest
  @ValueSource(strings = {"ec_p256_explicit", "ec_sect283k1_explicit", "ec_secp256k1", "ed448", "x25519"})
  void unsupportedKeysFromOpenssl(String name) {
    assertFailsWithin(Duration.ofMillis(100), ErrorCode.UNSUPPORTED_ALGORITHM, () -> parse(DerFixtures.pem(name)));
  }

  @Test
  void compressedPointFromOpenssl() {
    assertFails(ErrorCode.INVALID_VALUE, () -> parse(DerFixtures.pem("ec_p256_compressed")));
  }
}
