package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.DsaKeyData;
import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.RsaKeyData;
import dev.keypair.formats.internal.Der;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import dev.keypair.testsupport.Vectors;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The DER SubjectPublicKeyInfo codec: tool-made fixtures byte for byte, and hostile DER. */
class SubjectPublicKeyInfoTest {

  static final java.util.List<String> SPKI_KEYS = Fixtures.SPKI_KEYS;

  private static byte[] fixtureDer(String name) {
    return Base64.getDecoder().decode(Fixtures.line(name + ".der.b64"));
  }

  private static KeyData decode(byte[] der) {
    return SubjectPublicKeyInfo.decode(der);
  }

  private static byte[] encode(KeyData key) {
    return SubjectPublicKeyInfo.encode(key);
  }

  /** SEQUENCE { algorithm, BIT STRING } with the given parts. */
  private static byte[] spki(byte[] algorithmIdentifier, byte[] keyBits) {
    return Der.sequence(algorithmIdentifier, Der.bitString(keyBits));
  }

  // --- fixtures made by ssh-keygen -e -m PKCS8 and openssl

  @ParameterizedTest
  @FieldSource("SPKI_KEYS")
  void fixtureDecodesToTheKeyOfItsPubFileAndEncodesBackByteForByte(String name) {
    byte[] der = fixtureDer(name);
    KeyData key = decode(der);
    assertThat(key).isEqualTo(TestKeys.fixtureKey(name));
    assertThat(encode(key)).isEqualTo(der);
  }

  @Test
  void opensslEd25519Fixture() {
    byte[] der = Base64.getDecoder().decode(Fixtures.line("ed25519_openssl.der.b64"));
    KeyData key = decode(der);
    assertThat(((Ed25519KeyData) key).keyBytes())
        .isEqualTo(HexFormat.of().parseHex(Fixtures.line("ed25519_openssl.raw.hex")));
    assertThat(encode(key)).isEqualTo(der);
  }

  @Test
  void derivedRsa2048Vector() {
    byte[] der = Base64.getDecoder().decode(new String(Vectors.bytes("derived/rsa2048.spki.der.b64")).strip());
    KeyData expected = OpenSshPublicKeys.parse(Vectors.bytes("derived/rsa2048.pub")).keyData();
    assertThat(decode(der)).isEqualTo(expected);
    assertThat(encode(expected)).isEqualTo(der);
  }

  /** The JDK reads what we write, and we read what the JDK writes, for every key type. */
  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519", "dsa1024"})
  void agreesWithTheJdk(String name) throws Exception {
    KeyData key = TestKeys.fixtureKey(name);
    byte[] jdk = key.toJcaPublicKey().getEncoded();
    assertThat(encode(key)).isEqualTo(jdk);
    assertThat(decode(jdk)).isEqualTo(key);
    String alg = key.toJcaPublicKey().getAlgorithm();
    assertThat(KeyData.fromJca(KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(encode(key)))))
        .isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "ecdsa384", "ed25519", "dsa1024"})
  void bouncyCastleParsesWhatWeWrite(String name) {
    KeyData key = TestKeys.fixtureKey(name);
    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo bc =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(encode(key));
    assertThat(bc.getPublicKeyData().getPadBits()).isZero();
  }

  // --- policies

  @Test
  void rsaWithAbsentParametersIsReadAndWrittenWithNull() {
    RsaKeyData rsa = (RsaKeyData) TestKeys.fixtureKey("rsa2048");
    byte[] noParams = spki(Der.sequence(Der.oid("1.2.840.113549.1.1.1")),
        Der.sequence(Der.integer(rsa.modulus()), Der.integer(rsa.publicExponent())));
    assertThat(decode(noParams)).isEqualTo(rsa);
    assertThat(encode(rsa)).isEqualTo(fixtureDer("rsa2048"));
  }

  @Test
  void rsaWithParametersOtherThanNullIsFormat() {
    RsaKeyData rsa = (RsaKeyData) TestKeys.fixtureKey("rsa2048");
    byte[] pkcs1 = Der.sequence(Der.integer(rsa.modulus()), Der.integer(rsa.publicExponent()));
    assertFails(ErrorCode.FORMAT, () -> decode(spki(
        Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.sequence()), pkcs1)));
    assertFails(ErrorCode.FORMAT, () -> decode(spki(
        Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul(), Der.nul()), pkcs1)));
  }

  @Test
  void rsaKeyValuesAreValidatedWithTheLimits() {
    RsaKeyData rsa = (RsaKeyData) TestKeys.fixtureKey("rsa2048");
    KeyPairLimits small = KeyPairLimits.builder().rsaBits(1024, 2047).build();
    assertFails(ErrorCode.KEY_TOO_LARGE, () -> SubjectPublicKeyInfo.decode(fixtureDer("rsa2048"), small));
    byte[] alg = Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul());
    byte[] even = Der.sequence(Der.integer(rsa.modulus().clearBit(0)), Der.integer(rsa.publicExponent()));
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(alg, even)));
    byte[] weak = Der.sequence(Der.integer(TestKeys.randomRsa(new Random(7), 512).modulus()), Der.integer(65537));
    assertFails(ErrorCode.WEAK_KEY, () -> decode(spki(alg, weak)));
  }

  @Test
  void negativeModulusIsInvalidValue() {
    // an encoder that forgot the sign octet: the modulus reads as a negative INTEGER
    RsaKeyData rsa = (RsaKeyData) TestKeys.fixtureKey("rsa2048");
    byte[] unsigned = Arrays.copyOfRange(rsa.modulus().toByteArray(), 1, 257);
    byte[] pkcs1 = Der.sequence(Der.tlv(Der.INTEGER, unsigned), Der.integer(rsa.publicExponent()));
    KeyPairException e = assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(
        Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul()), pkcs1)));
    assertThat(e.getMessage()).contains("RSAPublicKey.modulus").contains("negative");
  }

  @Test
  void nonMinimalModulusIsFormat() {
    RsaKeyData rsa = (RsaKeyData) TestKeys.fixtureKey("rsa2048");
    byte[] padded = new byte[258];
    System.arraycopy(rsa.modulus().toByteArray(), 0, padded, 1, 257); // 00 00 c5...
    byte[] pkcs1 = Der.sequence(Der.tlv(Der.INTEGER, padded), Der.integer(rsa.publicExponent()));
    assertThat(assertFails(ErrorCode.FORMAT, () -> decode(spki(
        Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul()), pkcs1))).getMessage())
        .contains("not minimally encoded");
  }

  @Test
  void nonMinimalLengthIsFormat() {
    byte[] der = fixtureDer("ecdsa256"); // 30 59 ...: rewrite the outer length as 81 59
    byte[] longForm = new byte[der.length + 1];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    System.arraycopy(der, 1, longForm, 2, der.length - 1);
    assertThat(assertFails(ErrorCode.FORMAT, () -> decode(longForm)).getMessage())
        .contains("below 128");
  }

  // --- HOSTILE 5: trailing bytes

  @Test
  void trailingBytesAfterTheSpkiAreFormat() {
    for (String name : new String[] {"rsa2048", "ecdsa256", "dsa1024"}) {
      byte[] der = fixtureDer(name);
      byte[] longer = Arrays.copyOf(der, der.length + 1);
      assertThat(assertFails(ErrorCode.FORMAT, () -> decode(longer)).getMessage())
          .isEqualTo("SubjectPublicKeyInfo: 1 trailing bytes at offset " + der.length
              + ", after the outermost element");
    }
  }

  @Test
  void trailingBytesInsideTheStructuresAreFormat() {
    RsaKeyData rsa = (RsaKeyData) TestKeys.fixtureKey("rsa2048");
    byte[] alg = Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul());
    byte[] pkcs1 = Der.sequence(Der.integer(rsa.modulus()), Der.integer(rsa.publicExponent()));
    // inside RSAPublicKey, after RSAPublicKey in the BIT STRING, after the BIT STRING in the SPKI
    assertFails(ErrorCode.FORMAT, () -> decode(spki(alg, Der.sequence(Der.integer(rsa.modulus()),
        Der.integer(rsa.publicExponent()), Der.integer(1)))));
    assertFails(ErrorCode.FORMAT, () -> decode(spki(alg, concat(pkcs1, new byte[] {0}))));
    assertFails(ErrorCode.FORMAT, () -> decode(Der.sequence(alg, Der.bitString(pkcs1), Der.nul())));
    DsaKeyData dsa = (DsaKeyData) TestKeys.fixtureKey("dsa1024");
    byte[] dsaAlg = Der.sequence(Der.oid("1.2.840.10040.4.1"),
        Der.sequence(Der.integer(dsa.p()), Der.integer(dsa.q()), Der.integer(dsa.g()), Der.integer(1)));
    assertFails(ErrorCode.FORMAT, () -> decode(spki(dsaAlg, Der.integer(dsa.y()))));
  }

  // --- HOSTILE 6, 7

  @Test
  void jschPayloadIsFormat() {
    assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT,
        () -> decode(Base64.getDecoder().decode("MIICWgIBAAKEf////w==")));
  }

  /** A 400 KB algorithm OID (one arc of 0xff octets) is refused at once, not decoded for minutes. */
  @Test
  void hugeObjectIdentifierIsRefusedFast() {
    byte[] arc = new byte[400_000];
    java.util.Arrays.fill(arc, (byte) 0xff);
    arc[arc.length - 1] = 0x01;
    byte[] oidContent = new byte[arc.length + 1];
    oidContent[0] = 0x2a;
    System.arraycopy(arc, 0, oidContent, 1, arc.length);
    byte[] spki = Der.sequence(Der.sequence(Der.tlv(Der.OBJECT_IDENTIFIER, oidContent)), Der.bitString(new byte[32]));
    assertFailsWithin(Duration.ofMillis(100), ErrorCode.FORMAT, () -> decode(spki));
    byte[] longArc = Der.sequence(Der.sequence(Der.tlv(Der.OBJECT_IDENTIFIER,
        HexFormat.of().parseHex("2a" + "ff".repeat(25) + "01"))), Der.bitString(new byte[32]));
    assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT, () -> decode(longArc));
    String b64 = Base64.getMimeEncoder().encodeToString(spki); // wrapped, as the reviewer's file was
    assertFailsWithin(Duration.ofMillis(200), ErrorCode.FORMAT,
        () -> PublicKeys.decode(b64.getBytes(java.nio.charset.StandardCharsets.US_ASCII), KeyPairLimits.defaults()));
  }

  @Test
  void hugeLengthInsideTheKeyIsFormat() {
    // SEQUENCE { SEQUENCE { rsaEncryption NULL } BIT STRING { 00 SEQUENCE { INTEGER 84 7fffffff } } }
    byte[] der = HexFormat.of().parseHex("301b300d06092a864886f70d0101010500030a0030070284" + "7fffffff" + "00");
    assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT, () -> decode(der));
  }

  @Test
  void fiveThousandDeepSequenceIsRefusedQuickly() {
    byte[] deep = Hostile.nestedSequences(5000);
    assertFailsWithin(Duration.ofMillis(100), ErrorCode.FORMAT, () -> decode(deep));
  }

  @Test
  void nestingDeeperThanTheLimitIsResourceLimit() {
    KeyPairLimits shallow = KeyPairLimits.builder().maxAsn1Depth(4).build();
    // DSA needs 3 levels (SEQUENCE, AlgorithmIdentifier, Dss-Parms): fine at 4
    assertThat(SubjectPublicKeyInfo.decode(fixtureDer("dsa1024"), shallow))
        .isEqualTo(TestKeys.fixtureKey("dsa1024"));
    assertThat(SubjectPublicKeyInfo.decode(fixtureDer("rsa2048"), shallow))
        .isEqualTo(TestKeys.fixtureKey("rsa2048"));
  }

  // --- HOSTILE 23, 24: EC

  @ParameterizedTest
  @ValueSource(strings = {"ec_p256_explicit", "ec_sect283k1_explicit", "ec_secp256k1", "ec_brainpoolP256r1",
      "ec_sect283k1", "x25519", "x448", "ed448", "rsa_pss"})
  void unsupportedAlgorithmsAndCurvesAreRefusedQuickly(String name) {
    byte[] der = DerFixtures.der(name);
    KeyPairException e = assertFailsWithin(Duration.ofMillis(100), ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(der));
    assertThat(e.getMessage()).startsWith("SubjectPublicKeyInfo: ");
  }

  @Test
  void unsupportedMessagesNameWhatWasFound() {
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(DerFixtures.der("ec_secp256k1")))
        .getMessage()).contains("EC curve secp256k1 (1.3.132.0.10) is not supported");
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(DerFixtures.der("x25519")))
        .getMessage()).contains("algorithm X25519 (1.3.101.110) is not supported");
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(DerFixtures.der("ec_p256_explicit")))
        .getMessage()).contains("explicit");
    byte[] unknown = spki(Der.sequence(Der.oid("1.2.3.4.5")), new byte[4]);
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(unknown)).getMessage())
        .contains("algorithm 1.2.3.4.5 is not supported");
  }

  /** CVE-2024-29857: F2m parameters with an enormous m are refused from the tag, never evaluated. */
  @Test
  void explicitBinaryFieldWithHugeDegreeIsRefusedQuickly() {
    byte[] f2m = Der.sequence(Der.oid("1.2.840.10045.1.2"), Der.sequence(
        Der.integer(BigInteger.ONE.shiftLeft(4096).add(BigInteger.ONE)), Der.oid("1.2.840.10045.1.2.3.2"),
        Der.integer(Integer.MAX_VALUE)));
    byte[] params = Der.sequence(Der.integer(1), f2m, Der.sequence(Der.octetString(new byte[1]),
        Der.octetString(new byte[1])), Der.octetString(new byte[3]), Der.integer(BigInteger.ONE.shiftLeft(8000)));
    byte[] der = spki(Der.sequence(Der.oid("1.2.840.10045.2.1"), params), new byte[] {4, 1, 2});
    assertFailsWithin(Duration.ofMillis(100), ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(der));
  }

  @Test
  void implicitCurveIsUnsupported() {
    byte[] der = spki(Der.sequence(Der.oid("1.2.840.10045.2.1"), Der.nul()), ecPoint("ecdsa256"));
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(der)).getMessage())
        .contains("implicitCurve");
  }

  @Test
  void missingCurveIsFormat() {
    byte[] der = spki(Der.sequence(Der.oid("1.2.840.10045.2.1")), ecPoint("ecdsa256"));
    assertFails(ErrorCode.FORMAT, () -> decode(der));
  }

  @Test
  void unknownCurveOidIsUnsupported() {
    byte[] der = spki(Der.sequence(Der.oid("1.2.840.10045.2.1"), Der.oid("1.3.132.0.33")), ecPoint("ecdsa256"));
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(der)).getMessage()).contains("P-224");
  }

  @Test
  void wrongCurveForThePointIsInvalidValue() {
    byte[] der = spki(Der.sequence(Der.oid("1.2.840.10045.2.1"), Der.oid(EcCurve.NISTP384.oid())),
        ecPoint("ecdsa256"));
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(der));
  }

  @Test
  void compressedPointIsInvalidValue() {
    KeyPairException e = assertFails(ErrorCode.INVALID_VALUE, () -> decode(DerFixtures.der("ec_p256_compressed")));
    assertThat(e.getMessage()).contains("compressed");
  }

  @Test
  void badPointsAreInvalidValue() {
    byte[] alg = Der.sequence(Der.oid("1.2.840.10045.2.1"), Der.oid(EcCurve.NISTP256.oid()));
    byte[] offCurve = ecPoint("ecdsa256");
    offCurve[offCurve.length - 1] ^= 1;
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(alg, offCurve)));
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(alg, new byte[] {0})));
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(alg, new byte[0])));
    byte[] xIsP = ecPoint("ecdsa256");
    byte[] p = HexFormat.of().parseHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    System.arraycopy(p, 0, xIsP, 1, 32);
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(alg, xIsP)));
  }

  private static byte[] ecPoint(String name) {
    return ((EcdsaKeyData) TestKeys.fixtureKey(name)).point();
  }

  // --- Ed25519, DSA

  @Test
  void ed25519WithParametersIsFormat() {
    byte[] der = spki(Der.sequence(Der.oid("1.3.101.112"), Der.nul()), new byte[32]);
    assertThat(assertFails(ErrorCode.FORMAT, () -> decode(der)).getMessage()).contains("RFC 8410");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33, 64})
  void ed25519OfTheWrongLengthIsInvalidValue(int length) {
    byte[] der = spki(Der.sequence(Der.oid("1.3.101.112")), new byte[length]);
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(der));
  }

  @Test
  void dsaWithoutParametersIsUnsupported() {
    DsaKeyData dsa = (DsaKeyData) TestKeys.fixtureKey("dsa1024");
    byte[] der = spki(Der.sequence(Der.oid("1.2.840.10040.4.1")), Der.integer(dsa.y()));
    assertThat(assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(der)).getMessage()).contains("Dss-Parms");
    byte[] nullParams = spki(Der.sequence(Der.oid("1.2.840.10040.4.1"), Der.nul()), Der.integer(dsa.y()));
    assertFails(ErrorCode.FORMAT, () -> decode(nullParams));
  }

  @Test
  void dsaValuesAreValidated() {
    DsaKeyData dsa = (DsaKeyData) TestKeys.fixtureKey("dsa1024");
    byte[] alg = Der.sequence(Der.oid("1.2.840.10040.4.1"),
        Der.sequence(Der.integer(dsa.p()), Der.integer(dsa.q()), Der.integer(dsa.g())));
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(alg, Der.integer(dsa.p()))));
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(spki(alg, Der.integer(dsa.y().negate()))));
  }

  // --- structure

  @Test
  void bitStringWithUnusedBitsIsFormat() {
    byte[] der = fixtureDer("ecdsa256");
    // 30 59 30 13 (OID 9 bytes) (OID 10 bytes) 03 42 00 04...: the unused-bits octet is at offset 25
    assertThat(der[23]).isEqualTo((byte) 0x03);
    der[25] = 1;
    assertThat(assertFails(ErrorCode.FORMAT, () -> decode(der)).getMessage())
        .isEqualTo("SubjectPublicKeyInfo: field 'subjectPublicKey' at offset 23 is a BIT STRING with 1 unused "
            + "bits; a key has none");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "00", "30", "3000", "3100", "30023000", "300530030601"})
  void emptyAndBrokenStructuresAreFormat(String hex) {
    assertFails(ErrorCode.FORMAT, () -> decode(HexFormat.of().parseHex(hex)));
  }

  @Test
  void inputOverTheCapIsRefused() {
    KeyPairLimits tiny = KeyPairLimits.builder().maxInputBytes(100).build();
    assertFails(ErrorCode.INPUT_TOO_LARGE,
        () -> SubjectPublicKeyInfo.decode(fixtureDer("rsa1024"), tiny));
  }

  // --- writing what cannot be written

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048-user-cert", "ed25519-user-cert", "ecdsa256-host-cert"})
  void certificatesAreUnrepresentable(String name) {
    KeyData cert = TestKeys.fixtureKey(name);
    assertThat(assertFails(ErrorCode.UNREPRESENTABLE, () -> encode(cert)).getMessage()).contains("plain key");
    assertThat(decode(encode(cert.plainKey()))).isEqualTo(cert.plainKey());
  }

  @Test
  void securityKeysAndOpaqueKeysAreUnrepresentable() {
    byte[] sk = new dev.keypair.core.internal.SshWireWriter().writeString("sk-ssh-ed25519@openssh.com")
        .writeString(new byte[32]).writeString("ssh:").toByteArray();
    assertFails(ErrorCode.UNREPRESENTABLE, () -> encode(KeyData.fromBlob(sk)));
    byte[] opaque = new dev.keypair.core.internal.SshWireWriter().writeString("ssh-unknown@example.com")
        .writeString(new byte[3]).toByteArray();
    assertFails(ErrorCode.UNREPRESENTABLE, () -> encode(KeyData.fromBlob(opaque)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
