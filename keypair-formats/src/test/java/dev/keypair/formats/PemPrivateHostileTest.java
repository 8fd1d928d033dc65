package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.Der;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases of ../shared/HOSTILE.md that concern the PEM private key codecs, each by its number. */
class PemPrivateHostileTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final Duration P0_BUDGET = Duration.ofMillis(100);
  private static final Duration KDF_CAP_BUDGET = Duration.ofMillis(10);
  private static final InsecureSecretAccess ACCESS = InsecureSecretAccess.get();

  @AfterEach
  void removeObserver() {
    Wipe.setObserverForTests(null);
  }

  private static byte[] pem(String label, byte[] der) {
    return PemBlocks.encodeBytes(label, der);
  }

  private static byte[] pem(String label, List<PemBlocks.Header> headers, byte[] der) {
    return PemBlocks.encode(label, headers, der).getBytes(StandardCharsets.US_ASCII);
  }

  private static DecodedPrivateKey decode(byte[] text, Passphrase passphrase) {
    return PemPrivateKeys.decode(text, passphrase, LIMITS);
  }

  private static DecodedPrivateKey decode(String text, Passphrase passphrase) {
    return decode(text.getBytes(StandardCharsets.US_ASCII), passphrase);
  }

  private static Passphrase pass() {
    return PemPrivateFixtures.passphrase();
  }

  // ---------------------------------------------------------------- 5: trailing data

  @Test
  void hostile05TrailingBytesAfterTheDer() {
    for (String[] f : new String[][] {{"rsa1024.pkcs1.pem", "RSA PRIVATE KEY"}, {"ec256.sec1.pem", "EC PRIVATE KEY"},
        {"ec256.pkcs8.pem", "PRIVATE KEY"}, {"dsa1024.dsa.pem", "DSA PRIVATE KEY"},
        {"ec256.pkcs8.iter16.pem", "ENCRYPTED PRIVATE KEY"}}) {
      byte[] der = PemPrivateFixtures.der(f[0]);
      byte[] longer = Arrays.copyOf(der, der.length + 1);
      assertFails(ErrorCode.FORMAT, () -> decode(pem(f[1], longer), pass()));
    }
    // inside the OCTET STRING of a PrivateKeyInfo, after the RSAPrivateKey
    SshPrivateKey rsa = SshPrivateKey.of(TestKeys.rsaPool().get(0));
    byte[] inner = Pkcs1.encodeRsaPrivateKey(TestKeys.rsaPool().get(0));
    byte[] padded = Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul()),
        Der.octetString(Arrays.copyOf(inner, inner.length + 2)));
    assertFails(ErrorCode.FORMAT, () -> decode(pem("PRIVATE KEY", padded), null));
    assertThat(decode(pem("PRIVATE KEY", PemPrivateKeys.pkcs8Der(rsa, dev.keypair.core.InsecureSecretAccess.get())), null).requirePrivateKey().sameKey(rsa)).isTrue();
  }

  // ---------------------------------------------------------------- 6: JSch #563

  @ParameterizedTest
  @ValueSource(strings = {"RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"})
  void hostile06LongFormLength7fffffff(String label) {
    String text = "-----BEGIN " + label + "-----\nMIICWgIBAAKEf////w==\n-----END " + label + "-----\n";
    KeyPairException e = assertFailsWithin(P0_BUDGET, ErrorCode.FORMAT, () -> decode(text, pass()));
    assertThat(e.getMessage()).contains("only");
  }

  @Test
  void hostile06InnerIntegerLength7fffffff() {
    // the outer SEQUENCE is honest about its length; the modulus inside says 0x7fffffff
    byte[] der = {0x30, 0x0b, 0x02, 0x01, 0x00, 0x02, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
    assertFailsWithin(P0_BUDGET, ErrorCode.FORMAT, () -> decode(pem("RSA PRIVATE KEY", der), null));
  }

  // ---------------------------------------------------------------- 7: deep nesting

  @ParameterizedTest
  @ValueSource(strings = {"PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "DSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY"})
  void hostile07NestedSequences5000Deep(String label) {
    byte[] text = pem(label, Hostile.nestedSequences(5000));
    assertFailsWithin(P0_BUDGET, ErrorCode.FORMAT, () -> decode(text, pass()));
  }

  @Test
  void hostile07NestedSequences5000DeepOnceDecrypted() {
    byte[] nested = Hostile.nestedSequences(5000);
    byte[] pkcs8 = pem("ENCRYPTED PRIVATE KEY", Pbes2.encrypt(nested, pass(), 1));
    // the right passphrase, but what it decrypts to is not a PrivateKeyInfo
    assertFailsWithin(P0_BUDGET, ErrorCode.WRONG_PASSPHRASE, () -> decode(pkcs8, pass()));
    byte[] legacy = LegacyPemEncryption.encode("EC PRIVATE KEY", nested, pass()).getBytes(StandardCharsets.US_ASCII);
    assertFailsWithin(P0_BUDGET, ErrorCode.WRONG_PASSPHRASE, () -> decode(legacy, pass()));
  }

  // ---------------------------------------------------------------- 8: PEM edge cases

  private static final String EC_BODY = PemPrivateFixtures.text("ec256.sec1.pem")
      .replace("-----BEGIN EC PRIVATE KEY-----\n", "").replace("-----END EC PRIVATE KEY-----\n", "");

  private static String ec(String headers, String body) {
    return "-----BEGIN EC PRIVATE KEY-----\n" + headers + body + "-----END EC PRIVATE KEY-----\n";
  }

  @Test
  void hostile08Base64Garbage() {
    assertFails(ErrorCode.FORMAT, () -> decode(ec("", "MHcCAQEEI*DqHXlOrUsrar1yuJgPDMeIPtZN3IP1M2DfMLNO\n"), null));
    assertFails(ErrorCode.FORMAT, () -> decode(ec("", "MHcC=AQEE\n"), null));
    assertFails(ErrorCode.FORMAT, () -> decode(ec("", "\n"), null));
  }

  @Test
  void hostile08MissingEnd() {
    assertFails(ErrorCode.FORMAT, () -> decode("-----BEGIN EC PRIVATE KEY-----\n" + EC_BODY, null));
  }

  @Test
  void hostile08MismatchedLabels() {
    assertFails(ErrorCode.FORMAT, () -> decode("-----BEGIN EC PRIVATE KEY-----\n" + EC_BODY
        + "-----END RSA PRIVATE KEY-----\n", null));
  }

  @Test
  void hostile08UnknownLabel() {
    assertFails(ErrorCode.UNRECOGNIZED_FORMAT, () -> decode("-----BEGIN ECDSA PRIVATE KEY-----\n" + EC_BODY
        + "-----END ECDSA PRIVATE KEY-----\n", null));
  }

  @Test
  void hostile08TwoBlocks() {
    String one = ec("", EC_BODY);
    assertFails(ErrorCode.FORMAT, () -> decode(one + one, null));
    assertFails(ErrorCode.FORMAT, () -> decode(one + PemPrivateFixtures.text("rsa1024.pkcs1.pem"), null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AES-128-CTR", "DES-CBC", "BF-CBC", "CAMELLIA-256-CBC", "AES-256-GCM", "", "NONE"})
  void hostile08ProcTypeWithUnknownDekInfoCipher(String cipher) {
    String text = ec("Proc-Type: 4,ENCRYPTED\nDEK-Info: " + cipher + ",0123456789ABCDEF0123456789ABCDEF\n\n", EC_BODY);
    // refused from the header, before a passphrase is asked for or any key is derived
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(text, null));
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(text, pass()));
  }

  @Test
  void hostile08MalformedLegacyHeaders() {
    String iv = "0123456789ABCDEF0123456789ABCDEF";
    String[] headers = {
        "Proc-Type: 4,ENCRYPTED\n\n",                                        // no DEK-Info
        "DEK-Info: AES-128-CBC," + iv + "\n\n",                              // no Proc-Type
        "DEK-Info: AES-128-CBC," + iv + "\nProc-Type: 4,ENCRYPTED\n\n",      // the wrong order
        "Proc-Type: 4,MIC-ONLY\nDEK-Info: AES-128-CBC," + iv + "\n\n",       // not encrypted
        "Proc-Type: 3,ENCRYPTED\nDEK-Info: AES-128-CBC," + iv + "\n\n",
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC\n\n",                 // no IV
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123\n\n",            // short IV
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC," + iv + "00\n\n",    // long IV
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEG\n\n",
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC," + iv + "\n\n",     // a 16-byte IV for DES-EDE3
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC," + iv + "\nComment: x\n\n",
        "Comment: a comment\n\n"};
    for (String h : headers) {
      assertFails(ErrorCode.FORMAT, () -> decode(ec(h, EC_BODY), pass()));
      assertFails(ErrorCode.FORMAT, () -> decode(ec(h, EC_BODY), null));
    }
    // a body that is not whole blocks, refused before a passphrase is asked for
    String odd = ec("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC," + iv + "\n\n", "AAAAAAAAAAAAAAAAAAAA\n");
    assertFails(ErrorCode.FORMAT, () -> decode(odd, null));
    assertFails(ErrorCode.FORMAT, () -> decode(odd, pass()));
  }

  @Test
  void hostile08ProcTypeOnPkcs8AndPublicKeys() {
    List<PemBlocks.Header> h = List.of(new PemBlocks.Header("Proc-Type", "4,ENCRYPTED"),
        new PemBlocks.Header("DEK-Info", "AES-128-CBC,0123456789ABCDEF0123456789ABCDEF"));
    byte[] pkcs8 = pem("PRIVATE KEY", h, PemPrivateFixtures.der("ec256.pkcs8.pem"));
    byte[] encrypted = pem("ENCRYPTED PRIVATE KEY", h, PemPrivateFixtures.der("ec256.pkcs8.iter16.pem"));
    byte[] spki = pem("PUBLIC KEY", h, PemPrivateFixtures.der("ec256.spki.pem"));
    for (byte[] text : List.of(pkcs8, encrypted, spki)) {
      assertFails(ErrorCode.FORMAT, () -> decode(text, pass()));
      assertFails(ErrorCode.FORMAT, () -> decode(text, null));
    }
    assertFails(ErrorCode.FORMAT, () -> PemPublicKeys.parse(spki));
  }

  @Test
  void hostile09EmbeddedNulAndInputCaps() {
    String text = PemPrivateFixtures.text("ec256.sec1.pem");
    assertFails(ErrorCode.FORMAT, () -> decode(text.replace("\nMHc", "\n\0MHc"), null));
    KeyPairLimits small = KeyPairLimits.builder().maxInputBytes(100).build();
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> PemPrivateKeys.decode(text.getBytes(StandardCharsets.US_ASCII),
        null, small));
  }

  // ---------------------------------------------------------------- 22: RSA private values

  /** An RSAPrivateKey from its nine values, as PKCS#1 and as PKCS#8. */
  private static List<byte[]> rsaForms(BigInteger... v) {
    byte[] pkcs1 = rsaPrivateKey(v);
    byte[] pkcs8 = Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul()),
        Der.octetString(pkcs1));
    return List.of(pem("RSA PRIVATE KEY", pkcs1), pem("PRIVATE KEY", pkcs8));
  }

  /** The DER RSAPrivateKey of version 0 and these values. */
  private static byte[] rsaPrivateKey(BigInteger... v) {
    byte[][] ints = new byte[v.length + 1][];
    ints[0] = Der.integer(0);
    for (int i = 0; i < v.length; i++) {
      ints[i + 1] = Der.integer(v[i]);
    }
    return Der.sequence(ints);
  }

  private static void assertRsaRefused(ErrorCode code, BigInteger... v) {
    for (byte[] text : rsaForms(v)) {
      assertFailsWithin(P0_BUDGET, code, () -> decode(text, null));
    }
  }

  @Test
  void hostile22RsaPrivateValues() {
    RsaPrivateKeyData k = TestKeys.rsaPool().get(1);
    BigInteger n = k.publicKey().modulus();
    BigInteger e = k.publicKey().publicExponent();
    BigInteger d = k.privateExponent(ACCESS);
    BigInteger p = k.primeP(ACCESS);
    BigInteger q = k.primeQ(ACCESS);
    BigInteger dp = k.primeExponentP(ACCESS);
    BigInteger dq = k.primeExponentQ(ACCESS);
    BigInteger qinv = k.crtCoefficient(ACCESS);
    BigInteger two = BigInteger.TWO;
    // the genuine key reads, in both forms
    for (byte[] text : rsaForms(n, e, d, p, q, dp, dq, qinv)) {
      assertThat(decode(text, null).requirePrivateKey().keyData().sameKey(k)).isTrue();
    }
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, d, p.add(two), q, dp, dq, qinv);            // p * q != n
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, d, p, q.add(two), dp, dq, qinv);
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, d.add(two), p, q, dp, dq, qinv);            // wrong d
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, d, p, q, dp, dq, qinv.add(BigInteger.ONE)); // wrong iqmp
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, d, p, q, dp.add(two), dq, qinv);            // wrong dP
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, d, p, q, dp, dq.add(two), qinv);            // wrong dQ
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, d, p, q, dp, dq, qinv.negate());            // negative
    assertRsaRefused(ErrorCode.INVALID_VALUE, n, e, BigInteger.ZERO, p, q, dp, dq, qinv);       // zero
  }

  /**
   * d and the CRT exponents are checked without reducing d when e * d = 1 mod lcm(p - 1, q - 1) can be proven
   * otherwise: every key with d the inverse of e modulo lcm or phi (or that plus lcm) reads, with the exponents the
   * file holds, and every other d, dP, dQ or iqmp is refused, as the definitions say.
   */
  @Test
  void hostile22RsaPrivateValuesAreRefusedExactlyWhenTheyBreakTheDefinitions() {
    for (RsaPrivateKeyData k : TestKeys.rsaPool().subList(0, 3)) {
      BigInteger n = k.publicKey().modulus();
      BigInteger e = k.publicKey().publicExponent();
      BigInteger p = k.primeP(ACCESS);
      BigInteger q = k.primeQ(ACCESS);
      BigInteger iqmp = k.crtCoefficient(ACCESS);
      BigInteger pm1 = p.subtract(BigInteger.ONE);
      BigInteger qm1 = q.subtract(BigInteger.ONE);
      BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
      BigInteger lambdaD = e.modInverse(lambda);
      List<BigInteger> ds = List.of(lambdaD, e.modInverse(pm1.multiply(qm1)), lambdaD.add(lambda),
          lambdaD.add(BigInteger.TWO), lambdaD.add(lambda.shiftRight(1)), lambdaD.add(pm1));
      for (BigInteger d : ds) {
        BigInteger dp = d.mod(pm1);
        BigInteger dq = d.mod(qm1);
        List<BigInteger[]> crts = List.of(new BigInteger[] {dp, dq}, new BigInteger[] {dp.add(pm1), dq},
            new BigInteger[] {dp, dq.add(BigInteger.TWO)}, new BigInteger[] {d, dq}, new BigInteger[] {dp, d},
            new BigInteger[] {dp.add(BigInteger.TWO), dq}, new BigInteger[] {lambdaD.mod(pm1), lambdaD.mod(qm1)});
        for (BigInteger[] crt : crts) {
          for (BigInteger coefficient : List.of(iqmp, iqmp.add(p), p.subtract(iqmp))) {
            boolean valid = e.multiply(d).subtract(BigInteger.ONE).mod(lambda).signum() == 0
                && crt[0].equals(dp) && crt[1].equals(dq) && coefficient.equals(iqmp);
            BigInteger[] v = {n, e, d, p, q, crt[0], crt[1], coefficient};
            if (!valid) {
              assertRsaRefused(ErrorCode.INVALID_VALUE, v);
              continue;
            }
            for (byte[] text : rsaForms(v)) {
              RsaPrivateKeyData read = (RsaPrivateKeyData) decode(text, null).requirePrivateKey().keyData();
              assertThat(read.primeExponentP(ACCESS)).isEqualTo(dp);
              assertThat(read.primeExponentQ(ACCESS)).isEqualTo(dq);
              assertThat(Pkcs1.encodeRsaPrivateKey(read)).isEqualTo(rsaPrivateKey(v));
            }
          }
        }
      }
    }
  }

  @Test
  void hostile22PrimeOver8192Bits() {
    Random random = new Random(22);
    RsaKeyData big = TestKeys.randomRsa(random, 16384);
    BigInteger p = new BigInteger(8193, random).setBit(8192).setBit(0);
    BigInteger q = new BigInteger(8191, random).setBit(8190).setBit(0);
    BigInteger three = BigInteger.valueOf(3);
    assertRsaRefused(ErrorCode.INVALID_VALUE, big.modulus(), big.publicExponent(), three, p, q, three, three,
        BigInteger.ONE);
  }

  @Test
  void hostile22ModulusOverTheLimit() {
    Random random = new Random(23);
    BigInteger n = new BigInteger(20000, random).setBit(19999).setBit(0);
    BigInteger x = new BigInteger(10000, random).setBit(0);
    assertRsaRefused(ErrorCode.KEY_TOO_LARGE, n, BigInteger.valueOf(65537), x, x, x, x, x, x);
  }

  @Test
  void hostile22DsaPrivateValueBeforeAnyExponentiation() {
    // PKCS#8 DSA has no y: keypair computes g^x mod p, so p and x are checked first
    Random random = new Random(24);
    BigInteger hugeP = new BigInteger(8 * 60000, random).setBit(0);
    BigInteger q = new BigInteger(256, random).setBit(255).setBit(0);
    BigInteger hugeX = new BigInteger(8 * 60000, random);
    byte[] der = Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.2.840.10040.4.1"),
        Der.sequence(Der.integer(hugeP), Der.integer(q), Der.integer(BigInteger.TWO))),
        Der.octetString(Der.integer(hugeX)));
    assertFailsWithin(P0_BUDGET, ErrorCode.KEY_TOO_LARGE, () -> decode(pem("PRIVATE KEY", der), null));
    SubjectPublicKeyInfo.DssParms real = dsaParams();
    byte[] bigX = Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.2.840.10040.4.1"),
        Der.sequence(Der.integer(real.p()), Der.integer(real.q()), Der.integer(real.g()))),
        Der.octetString(Der.integer(hugeX)));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> decode(pem("PRIVATE KEY", bigX), null));
  }

  private static SubjectPublicKeyInfo.DssParms dsaParams() {
    dev.keypair.core.DsaKeyData k = (dev.keypair.core.DsaKeyData) PemPrivateFixtures.publicKey("dsa1024");
    return new SubjectPublicKeyInfo.DssParms(k.p(), k.q(), k.g());
  }

  // ---------------------------------------------------------------- 24: EC parameters

  @ParameterizedTest
  @ValueSource(strings = {"ec256.sec1.explicit.pem", "ec256.pkcs8.explicit.pem", "sect283k1.sec1.explicit.pem",
      "secp256k1.sec1.pem", "secp256k1.pkcs8.pem"})
  void hostile24ExplicitAndUnsupportedCurves(String file) {
    byte[] text = PemPrivateFixtures.bytes(file);
    assertFailsWithin(P0_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(text, null));
  }

  private static final byte[] P256_OID = Der.oid(EcCurve.NISTP256.oid());
  private static final int CTX0 = Der.contextConstructed(0);
  private static final int CTX1 = Der.contextConstructed(1);

  private static byte[] sec1(byte[] privateKey, byte[] params, byte[] publicKey) {
    List<byte[]> parts = new ArrayList<>(List.of(Der.integer(1), Der.octetString(privateKey)));
    if (params != null) {
      parts.add(Der.constructed(CTX0, params));
    }
    if (publicKey != null) {
      parts.add(Der.constructed(CTX1, Der.bitString(publicKey)));
    }
    return Der.sequence(parts.toArray(new byte[0][]));
  }

  private static byte[] ecPkcs8(byte[] curveOid, byte[] sec1) {
    return Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.2.840.10045.2.1"), curveOid), Der.octetString(sec1));
  }

  @Test
  void hostile24Sec1Structure() {
    EcdsaPrivateKeyData k = (EcdsaPrivateKeyData) TestKeys.ecdsaPrivate(EcCurve.NISTP256, 24).keyData();
    byte[] d = fixed32(k.privateScalar(ACCESS));
    byte[] point = k.publicKey().point();
    EcdsaPrivateKeyData other = (EcdsaPrivateKeyData) TestKeys.ecdsaPrivate(EcCurve.NISTP256, 25).keyData();
    byte[] explicit = Der.sequence(Der.integer(1), Der.sequence(Der.oid("1.2.840.10045.1.1"), Der.integer(7)));
    // the genuine key, with and without its optional parts
    for (byte[] der : List.of(sec1(d, P256_OID, point), sec1(d, P256_OID, null))) {
      assertThat(decode(pem("EC PRIVATE KEY", der), null).requirePrivateKey().keyData().sameKey(k)).isTrue();
    }
    assertThat(decode(pem("PRIVATE KEY", ecPkcs8(P256_OID, sec1(d, P256_OID, point))), null).requirePrivateKey()
        .keyData().sameKey(k)).isTrue();
    assertThat(decode(pem("PRIVATE KEY", ecPkcs8(P256_OID, sec1(d, null, null))), null).requirePrivateKey()
        .keyData().sameKey(k)).isTrue();

    assertFailsWithin(P0_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(pem("EC PRIVATE KEY", sec1(d, explicit, point)), null));
    assertFailsWithin(P0_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(pem("EC PRIVATE KEY", sec1(d, Der.nul(), point)), null));
    assertFailsWithin(P0_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(pem("PRIVATE KEY", ecPkcs8(explicit, sec1(d, null, point))), null));
    assertFailsWithin(P0_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> decode(pem("PRIVATE KEY", ecPkcs8(P256_OID, sec1(d, explicit, point))), null));
    // the curve inside differs from the AlgorithmIdentifier's
    assertFails(ErrorCode.TYPE_MISMATCH, () -> decode(pem("PRIVATE KEY",
        ecPkcs8(Der.oid(EcCurve.NISTP384.oid()), sec1(d, P256_OID, point))), null));
    // a standalone key must name its curve
    assertFails(ErrorCode.FORMAT, () -> decode(pem("EC PRIVATE KEY", sec1(d, null, point)), null));
    // the private key is at most 32 bytes on P-256 (shorter, with its leading zeros dropped, as OpenSSL before
    // 1.1 wrote it and as openssl and ssh-keygen read it: the same key), and not empty
    byte[] small = new byte[32];
    small[31] = 7;
    assertThat(decode(pem("EC PRIVATE KEY", sec1(new byte[] {7}, P256_OID, null)), null).requirePrivateKey()
        .sameKey(decode(pem("EC PRIVATE KEY", sec1(small, P256_OID, null)), null).requirePrivateKey())).isTrue();
    assertFails(ErrorCode.FORMAT, () -> decode(pem("EC PRIVATE KEY", sec1(new byte[0], P256_OID, null)), null));
    assertFails(ErrorCode.FORMAT, () -> decode(pem("EC PRIVATE KEY", sec1(Arrays.copyOf(d, 33), P256_OID, null)),
        null));
    // the public key is another key's, or off the curve
    assertFails(ErrorCode.KEY_MISMATCH, () -> decode(pem("EC PRIVATE KEY",
        sec1(d, P256_OID, other.publicKey().point())), null));
    byte[] offCurve = point.clone();
    offCurve[offCurve.length - 1] ^= 1;
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(pem("EC PRIVATE KEY", sec1(d, P256_OID, offCurve)), null));
    // d = 0 and d = n
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(pem("EC PRIVATE KEY", sec1(new byte[32], P256_OID, null)),
        null));
    byte[] n32 = fixed32(EcCurve.NISTP256.order());
    assertFails(ErrorCode.INVALID_VALUE, () -> decode(pem("EC PRIVATE KEY", sec1(n32, P256_OID, null)), null));
    // version 0
    byte[] v0 = Der.sequence(Der.integer(0), Der.octetString(d), Der.constructed(CTX0, P256_OID));
    assertFails(ErrorCode.FORMAT, () -> decode(pem("EC PRIVATE KEY", v0), null));
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  // ---------------------------------------------------------------- 25: Ed25519

  private static final byte[] ED25519_ALG = Der.sequence(Der.oid("1.3.101.112"));

  private static byte[] edPkcs8(int version, byte[] seed, byte[] publicKey) {
    List<byte[]> parts = new ArrayList<>(List.of(Der.integer(version), ED25519_ALG,
        Der.octetString(Der.octetString(seed))));
    if (publicKey != null) {
      byte[] bits = Der.bitString(publicKey);
      bits[0] = (byte) Der.contextPrimitive(1);
      parts.add(bits);
    }
    return pem("PRIVATE KEY", Der.sequence(parts.toArray(new byte[0][])));
  }

  @Test
  void hostile25Ed25519() {
    Ed25519PrivateKeyData k = (Ed25519PrivateKeyData) TestKeys.ed25519Private(25).keyData();
    byte[] seed = k.seed(ACCESS);
    byte[] pub = k.publicKey().keyBytes();
    byte[] otherPub = TestKeys.ed25519Private(26).publicKey().keyData().blob().toByteArray();
    otherPub = Arrays.copyOfRange(otherPub, otherPub.length - 32, otherPub.length);
    assertThat(decode(edPkcs8(0, seed, null), null).requirePrivateKey().keyData().sameKey(k)).isTrue();
    assertThat(decode(edPkcs8(1, seed, null), null).requirePrivateKey().keyData().sameKey(k)).isTrue();
    assertThat(decode(edPkcs8(1, seed, pub), null).requirePrivateKey().keyData().sameKey(k)).isTrue();

    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> decode(edPkcs8(0, Arrays.copyOf(seed, 31), null), null));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> decode(edPkcs8(0, Arrays.copyOf(seed, 33), null), null));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> decode(edPkcs8(0, new byte[64], null), null));
    byte[] other = otherPub;
    assertFailsWithin(P0_BUDGET, ErrorCode.KEY_MISMATCH, () -> decode(edPkcs8(1, seed, other), null));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> decode(edPkcs8(1, seed, Arrays.copyOf(pub, 31)), null));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> decode(edPkcs8(1, seed, Arrays.copyOf(pub, 33)), null));
    // a public key in version 0, parameters present, version 2
    assertFails(ErrorCode.FORMAT, () -> decode(edPkcs8(0, seed, pub), null));
    assertFails(ErrorCode.FORMAT, () -> decode(edPkcs8(2, seed, null), null));
    byte[] withParams = Der.sequence(Der.integer(0), Der.sequence(Der.oid("1.3.101.112"), Der.nul()),
        Der.octetString(Der.octetString(seed)));
    assertFails(ErrorCode.FORMAT, () -> decode(pem("PRIVATE KEY", withParams), null));
    Wipe.wipe("test", seed);
  }

  @Test
  void oneAsymmetricKeyPublicKeyIsCheckedForEveryType() {
    for (SshPrivateKey k : List.of(SshPrivateKey.of(TestKeys.rsaPool().get(0)),
        TestKeys.ecdsaPrivate(EcCurve.NISTP384, 3))) {
      byte[] v1 = PemPrivateKeys.pkcs8Der(k, dev.keypair.core.InsecureSecretAccess.get());
      byte[] spki = SubjectPublicKeyInfo.encode(k.publicKey().keyData());
      // the BIT STRING of the SubjectPublicKeyInfo is what [1] holds
      Der.Reader r = Der.reader(spki, LIMITS, "test").sequence("spki");
      r.sequence("alg");
      byte[] pub = r.bitString("key");
      byte[] withPub = withPublicKey(v1, pub);
      assertThat(decode(pem("PRIVATE KEY", withPub), null).requirePrivateKey().sameKey(k)).isTrue();
      byte[] wrong = pub.clone();
      wrong[wrong.length - 1] ^= 2;
      ErrorCode expected = k.keyData() instanceof RsaPrivateKeyData ? ErrorCode.KEY_MISMATCH : ErrorCode.INVALID_VALUE;
      assertFails(expected, () -> decode(pem("PRIVATE KEY", withPublicKey(v1, wrong)), null));
    }
  }

  /** {@code v1} (a version 0 PrivateKeyInfo) as version 1 with {@code [1] publicKey}. */
  private static byte[] withPublicKey(byte[] v1, byte[] publicKey) {
    Der.Reader r = Der.reader(v1, LIMITS, "test").sequence("pki");
    r.integer("version");
    int algStart = r.offset();
    r.skip("alg");
    int keyStart = r.offset();
    r.skip("key");
    int end = r.offset();
    byte[] bits = Der.bitString(publicKey);
    bits[0] = (byte) Der.contextPrimitive(1);
    return Der.sequence(Der.integer(1), Arrays.copyOfRange(v1, algStart, keyStart),
        Arrays.copyOfRange(v1, keyStart, end), bits);
  }

  // ---------------------------------------------------------------- KDF costs, before the KDF (14, 16, 17 for PBES2)

  private static final byte[] SALT = new byte[16];
  private static final byte[] IV = new byte[16];
  private static final byte[] CIPHERTEXT = new byte[48];

  private static byte[] pbkdf2(BigInteger iterations) {
    return Der.sequence(Der.oid(Pbes2.PBKDF2), Der.sequence(Der.octetString(SALT), Der.integer(iterations),
        Der.sequence(Der.oid(Pbes2.HMAC_SHA256), Der.nul())));
  }

  private static byte[] scrypt(BigInteger n, BigInteger r, BigInteger p) {
    return Der.sequence(Der.oid(Pbes2.SCRYPT), Der.sequence(Der.octetString(SALT), Der.integer(n), Der.integer(r),
        Der.integer(p)));
  }

  private static byte[] encryptedPkcs8(byte[] kdf) {
    byte[] scheme = Der.sequence(Der.oid(PemCipher.AES_256_CBC.oid()), Der.octetString(IV));
    return pem("ENCRYPTED PRIVATE KEY", Der.sequence(Der.sequence(Der.oid(Pbes2.PBES2), Der.sequence(kdf, scheme)),
        Der.octetString(CIPHERTEXT)));
  }

  @ParameterizedTest
  @ValueSource(longs = {4_000_001L, 1L << 31, (1L << 32) - 1, Long.MAX_VALUE, 0, -1})
  void pbkdf2IterationsOverTheCapBeforeTheKdf(long iterations) {
    byte[] text = encryptedPkcs8(pbkdf2(BigInteger.valueOf(iterations)));
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(text, pass()));
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(text, null));
    byte[] huge = encryptedPkcs8(pbkdf2(BigInteger.ONE.shiftLeft(200)));
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(huge, pass()));
  }

  /** PBKDF2's work is iterations times the PRF blocks of the key: 2,000,001 iterations of HMAC-SHA1 for AES-256. */
  @Test
  void pbkdf2WorkCountsPrfBlocks() {
    byte[] sha1 = Der.sequence(Der.oid(Pbes2.PBKDF2), Der.sequence(Der.octetString(SALT),
        Der.integer(BigInteger.valueOf(2_000_001))));
    KeyPairException e = assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT,
        () -> decode(encryptedPkcs8(sha1), pass()));
    assertThat(e.getMessage()).startsWith("PBKDF2 work (iterations x PRF blocks of key) is 4000002");
  }

  /** scrypt's time is p passes over its memory: N·r within the memory cap, times p over it, is refused. */
  @Test
  void scryptWorkCountsItsParallelization() {
    byte[] text = encryptedPkcs8(scrypt(BigInteger.ONE.shiftLeft(17), BigInteger.valueOf(8), BigInteger.valueOf(16)));
    KeyPairException e = assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(text, pass()));
    assertThat(e.getMessage()).startsWith("scrypt work 128 * N * r * p (bytes) is 2147483648");
  }

  @Test
  void scryptCostsOverTheCapsBeforeTheKdf() {
    BigInteger eight = BigInteger.valueOf(8);
    BigInteger one = BigInteger.ONE;
    KeyPairLimits lowMemory = KeyPairLimits.builder().maxKdfMemoryBytes(16L << 20).build();
    List<byte[]> refused = List.of(
        scrypt(BigInteger.ONE.shiftLeft(20), eight, one),                  // 1 GiB
        scrypt(BigInteger.ONE.shiftLeft(15), eight, one),                  // 32 MiB
        scrypt(BigInteger.ONE.shiftLeft(64), eight, one),
        scrypt(BigInteger.ONE.shiftLeft(300), eight, one),
        scrypt(BigInteger.ONE.shiftLeft(14), BigInteger.ONE.shiftLeft(40), one),
        scrypt(BigInteger.ONE.shiftLeft(14), eight, BigInteger.valueOf(17)),   // 16 MiB, but 17 lanes
        scrypt(BigInteger.ONE.shiftLeft(14), eight, BigInteger.ONE.shiftLeft(40)),
        scrypt(BigInteger.ONE.shiftLeft(14), BigInteger.ZERO, one),
        scrypt(BigInteger.ONE.shiftLeft(14), eight, BigInteger.ZERO),
        scrypt(BigInteger.ONE.shiftLeft(14), eight.negate(), one));
    for (byte[] kdf : refused) {
      byte[] text = encryptedPkcs8(kdf);
      assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> PemPrivateKeys.decode(text, pass(), lowMemory));
      assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> PemPrivateKeys.decode(text, null, lowMemory));
    }
    // within the default caps (256 MiB, 2 lanes) but past what BouncyCastle's scrypt computes in an int
    byte[] bcInt = encryptedPkcs8(scrypt(BigInteger.TWO, BigInteger.ONE.shiftLeft(20), BigInteger.TWO));
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(bcInt, pass()));
    // N not a power of 2 greater than 1 is malformed (RFC 7914)
    for (long n : new long[] {0, 1, 3, 16383, -16384}) {
      byte[] text = encryptedPkcs8(scrypt(BigInteger.valueOf(n), eight, one));
      assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.FORMAT, () -> decode(text, pass()));
    }
    // r = 1 with N >= 65536 is within the RFC and the caps, but beyond BouncyCastle's scrypt
    byte[] bcLimit = encryptedPkcs8(scrypt(BigInteger.ONE.shiftLeft(16), one, one));
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.UNSUPPORTED_ALGORITHM, () -> decode(bcLimit, pass()));
  }

  /** The smallest scrypt table (r = 8) over half of this JVM's heap, and caps that would allow it. */
  @Test
  void scryptThatCannotFitInTheHeapIsRefusedBeforeTheKdf() {
    long halfHeap = Runtime.getRuntime().maxMemory() / 2;
    BigInteger n = BigInteger.valueOf(Long.highestOneBit(halfHeap / 1024) * 2);
    KeyPairLimits generous = KeyPairLimits.builder().maxKdfMemoryBytes(1L << 40).build();
    byte[] text = encryptedPkcs8(scrypt(n, BigInteger.valueOf(8), BigInteger.ONE));
    KeyPairException e = assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT,
        () -> PemPrivateKeys.decode(text, pass(), generous));
    assertThat(e.getMessage()).contains("heap");
    // under the test heap (-Xmx256m) the default cap itself, 256 MiB, is such a table
    if (Runtime.getRuntime().maxMemory() <= (512L << 20)) {
      byte[] atCap = encryptedPkcs8(scrypt(BigInteger.ONE.shiftLeft(18), BigInteger.valueOf(8), BigInteger.ONE));
      assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> decode(atCap, pass()));
    }
  }

  /**
   * With the heap nearly full, an scrypt table that passed the checks fails to allocate: RESOURCE_LIMIT, not an
   * OutOfMemoryError, and the JVM goes on. Run in a child JVM: filling this test JVM's heap would starve the test
   * runner's own threads at that moment.
   */
  @Test
  void scryptOutOfMemoryIsAResourceLimit() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-XX:-HeapDumpOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), ScryptOutOfMemoryChild.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child done").isTrue();
    assertThat(out.strip()).isEqualTo(ScryptOutOfMemoryChild.PASSED);
    assertThat(child.exitValue()).isZero();
  }

  /** The child of {@link #scryptOutOfMemoryIsAResourceLimit}: prints what it saw, {@link #PASSED} if right. */
  static final class ScryptOutOfMemoryChild {
    static final String PASSED = "Input.ResourceLimit on a full heap, then a real scrypt key read";

    public static void main(String[] args) {
      long halfHeap = Runtime.getRuntime().maxMemory() / 2;
      BigInteger n = BigInteger.valueOf(Long.highestOneBit(halfHeap / 1024)); // 1024 * N <= half the heap
      KeyPairLimits generous = KeyPairLimits.builder().maxKdfMemoryBytes(1L << 40).build();
      byte[] text = encryptedPkcs8(scrypt(n, BigInteger.valueOf(8), BigInteger.ONE));
      Passphrase p = pass();
      List<byte[]> ballast = new ArrayList<>();
      try {
        while (true) {
          ballast.add(new byte[1 << 20]);
        }
      } catch (OutOfMemoryError full) {
        // leave 8 MiB for the decoder's own small allocations, far less than the table
        for (int i = 0; i < 8 && !ballast.isEmpty(); i++) {
          ballast.remove(ballast.size() - 1);
        }
      }
      String seen;
      try {
        PemPrivateKeys.decode(text, p, generous);
        seen = "decoded";
      } catch (KeyPairException e) {
        seen = e.code().id() + (e.getMessage().contains("free heap") ? "" : ": " + e.getMessage());
      } catch (OutOfMemoryError e) {
        seen = "OutOfMemoryError";
      }
      ballast.clear();
      boolean readsRealKey = decode(PemPrivateFixtures.bytes("ed25519.pkcs8.scrypt.pem"), pass()).isUnlocked();
      System.out.println(seen.equals(ErrorCode.RESOURCE_LIMIT.id()) && readsRealKey ? PASSED
          : "saw " + seen + ", real key read: " + readsRealKey);
    }
  }

  @Test
  void capsComeFromTheLimitsGiven() {
    byte[] pbkdf2 = PemPrivateFixtures.bytes("rsa2048.pkcs8.aes256-sha256.pem"); // 2048 iterations
    byte[] scrypt = PemPrivateFixtures.bytes("ed25519.pkcs8.scrypt.pem");        // N = 16384, r = 8: 16 MiB
    KeyPairLimits tight = KeyPairLimits.builder().maxPbkdf2Iterations(2047).maxKdfMemoryBytes((16L << 20) - 1).build();
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> PemPrivateKeys.decode(pbkdf2, pass(), tight));
    assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.RESOURCE_LIMIT, () -> PemPrivateKeys.decode(scrypt, pass(), tight));
    KeyPairLimits exact = KeyPairLimits.builder().maxPbkdf2Iterations(2048).maxKdfMemoryBytes(16L << 20)
        .maxKdfParallelism(1).build();
    assertThat(PemPrivateKeys.decode(pbkdf2, pass(), exact).isUnlocked()).isTrue();
    assertThat(PemPrivateKeys.decode(scrypt, pass(), exact).isUnlocked()).isTrue();
  }

  @Test
  void malformedPbes2IsRefusedBeforeTheKdf() {
    byte[] aes = Der.sequence(Der.oid(PemCipher.AES_256_CBC.oid()), Der.octetString(IV));
    byte[] goodKdf = pbkdf2(BigInteger.valueOf(1000));
    // keyLength of another cipher, otherSource salt, empty salt, unknown PRF, KDF, cipher, short IV
    byte[] keyLength16 = Der.sequence(Der.oid(Pbes2.PBKDF2), Der.sequence(Der.octetString(SALT), Der.integer(1000),
        Der.integer(16)));
    byte[] otherSource = Der.sequence(Der.oid(Pbes2.PBKDF2), Der.sequence(Der.sequence(Der.oid("1.2.3.4")),
        Der.integer(1000)));
    byte[] emptySalt = Der.sequence(Der.oid(Pbes2.PBKDF2), Der.sequence(Der.octetString(new byte[0]),
        Der.integer(1000)));
    byte[] md5Prf = Der.sequence(Der.oid(Pbes2.PBKDF2), Der.sequence(Der.octetString(SALT), Der.integer(1000),
        Der.sequence(Der.oid("1.2.840.113549.2.5"), Der.nul())));
    byte[] argon2 = Der.sequence(Der.oid("1.3.6.1.4.1.4722.2.1"), Der.sequence(Der.octetString(SALT)));
    byte[] aesGcm = Der.sequence(Der.oid("2.16.840.1.101.3.4.1.46"), Der.octetString(IV));
    byte[] shortIv = Der.sequence(Der.oid(PemCipher.AES_256_CBC.oid()), Der.octetString(new byte[8]));
    Object[][] cases = {
        {pbes2(keyLength16, aes, CIPHERTEXT), ErrorCode.FORMAT},
        {pbes2(otherSource, aes, CIPHERTEXT), ErrorCode.UNSUPPORTED_ALGORITHM},
        {pbes2(emptySalt, aes, CIPHERTEXT), ErrorCode.FORMAT},
        {pbes2(md5Prf, aes, CIPHERTEXT), ErrorCode.UNSUPPORTED_ALGORITHM},
        {pbes2(argon2, aes, CIPHERTEXT), ErrorCode.UNSUPPORTED_ALGORITHM},
        {pbes2(goodKdf, aesGcm, CIPHERTEXT), ErrorCode.UNSUPPORTED_ALGORITHM},
        {pbes2(goodKdf, shortIv, CIPHERTEXT), ErrorCode.FORMAT},
        {pbes2(goodKdf, aes, new byte[47]), ErrorCode.FORMAT},
        {pbes2(goodKdf, aes, new byte[0]), ErrorCode.FORMAT}};
    for (Object[] c : cases) {
      byte[] text = (byte[]) c[0];
      assertFailsWithin(KDF_CAP_BUDGET, (ErrorCode) c[1], () -> decode(text, pass()));
      assertFailsWithin(KDF_CAP_BUDGET, (ErrorCode) c[1], () -> decode(text, null));
    }
  }

  private static byte[] pbes2(byte[] kdf, byte[] scheme, byte[] ciphertext) {
    return pem("ENCRYPTED PRIVATE KEY", Der.sequence(Der.sequence(Der.oid(Pbes2.PBES2), Der.sequence(kdf, scheme)),
        Der.octetString(ciphertext)));
  }

  // ---------------------------------------------------------------- 16: passphrases and wiping

  @Test
  void hostile16NullOrEmptyPassphraseRunsNoKdf() {
    // 4,000,000 PBKDF2 iterations (the cap) would take seconds; 128 MiB of scrypt would take most of the heap
    byte[] pbkdf2 = encryptedPkcs8(pbkdf2(BigInteger.valueOf(4_000_000)));
    byte[] scrypt = encryptedPkcs8(scrypt(BigInteger.ONE.shiftLeft(17), BigInteger.valueOf(8), BigInteger.ONE));
    byte[] legacy = PemPrivateFixtures.bytes("rsa2048.pkcs1.aes256.pem");
    for (byte[] text : List.of(pbkdf2, scrypt, legacy)) {
      assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.PASSPHRASE_REQUIRED, () -> decode(text, null));
      assertFailsWithin(KDF_CAP_BUDGET, ErrorCode.PASSPHRASE_REQUIRED, () -> decode(text, Passphrase.empty()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec256.pkcs8.iter16.pem", "ed25519.pkcs8.scrypt.pem", "rsa2048.pkcs1.aes128.pem",
      "ec521.sec1.des3.pem"})
  void hostile16PassphraseAndDerivedKeyCopiesAreWiped(String file) {
    boolean pkcs8 = file.contains("pkcs8");
    String passphraseTag = pkcs8 ? "pkcs8-passphrase" : "pem-passphrase";
    String keyTag = file.contains("scrypt") ? null : pkcs8 ? "pkcs8-derived-key" : "pem-derived-key";
    byte[] text = PemPrivateFixtures.bytes(file);

    // right passphrase: the passphrase copy, the derived key and the plaintext are wiped
    List<Object[]> wiped = observeWipes(() -> assertThat(decode(text, pass()).isUnlocked()).isTrue());
    assertAllWiped(wiped);
    assertThat(tags(wiped)).contains(passphraseTag, "pem-cipher-padded-plaintext", "pem-plaintext");
    if (keyTag != null) {
      assertThat(tags(wiped)).contains(keyTag);
    }
    assertPassphraseCopyWiped(wiped, passphraseTag, "keypair-fixture");

    // wrong passphrase: the same, though the plaintext never parsed
    Passphrase wrong = Passphrase.of("not-the-passphrase".toCharArray());
    List<Object[]> wrongWiped = observeWipes(() -> assertFails(ErrorCode.WRONG_PASSPHRASE, () -> decode(text, wrong)));
    assertAllWiped(wrongWiped);
    assertThat(tags(wrongWiped)).contains(passphraseTag, "pem-cipher-padded-plaintext");
    if (keyTag != null) {
      assertThat(tags(wrongWiped)).contains(keyTag);
    }
    assertPassphraseCopyWiped(wrongWiped, passphraseTag, "not-the-passphrase");
    // the caller's passphrase is the caller's: not destroyed
    assertThat(wrong.isDestroyed()).isFalse();
  }

  @Test
  void hostile16EncodingWipesItsCopies() {
    Passphrase p = pass();
    SshPrivateKey key = TestKeys.ed25519Private(16);
    List<Object[]> wiped = observeWipes(() -> PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8,
        KeyProtection.passphrase(p).withPbkdf2Iterations(10)));
    assertAllWiped(wiped);
    assertThat(tags(wiped)).contains("pkcs8-passphrase", "pkcs8-derived-key", "pkcs8-ed25519-seed",
        "pkcs8-private-key", "pem-cipher-padded-plaintext", "pem-plaintext");
    SshPrivateKey ec = TestKeys.ecdsaPrivate(EcCurve.NISTP256, 16);
    List<Object[]> legacy = observeWipes(() -> PemPrivateKeys.encode(ec, PrivateKeyFormat.PEM,
        KeyProtection.passphrase(p)));
    assertAllWiped(legacy);
    assertThat(tags(legacy)).contains("pem-passphrase", "pem-derived-key", "sec1-private-key", "pem-plaintext");
  }

  private static List<Object[]> observeWipes(Runnable r) {
    return dev.keypair.testsupport.Wipes.during(r::run).seen().stream()
        .map(s -> new Object[] {s.tag(), s.buffer()}).toList();
  }

  private static Set<String> tags(List<Object[]> wiped) {
    return wiped.stream().map(w -> (String) w[0]).collect(Collectors.toSet());
  }

  /** Every buffer that was wiped is still all zeros once the call returned: nothing wrote to it again. */
  private static void assertAllWiped(List<Object[]> wiped) {
    assertThat(wiped).isNotEmpty();
    for (Object[] w : wiped) {
      assertThat(Wipe.isWiped(w[1])).as("buffer tagged %s", w[0]).isTrue();
    }
  }

  /** A buffer with {@code tag} of the passphrase's length (its UTF-8 bytes or its chars) was wiped. */
  private static void assertPassphraseCopyWiped(List<Object[]> wiped, String tag, String passphrase) {
    int utf8 = passphrase.getBytes(StandardCharsets.UTF_8).length;
    assertThat(wiped.stream().filter(w -> w[0].equals(tag)).anyMatch(w -> w[1] instanceof byte[]
        ? ((byte[]) w[1]).length == utf8 : ((char[]) w[1]).length == passphrase.length()))
        .as("a wiped copy of the passphrase tagged %s", tag).isTrue();
  }
}
