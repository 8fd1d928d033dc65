package dev.keypair.core;

import static dev.keypair.core.KeyDataTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.internal.Wipe;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeyDataTest {

  private static final InsecureSecretAccess ACCESS = InsecureSecretAccess.get();

  /** Our scalar multiplication gives the public point the JDK's generator gave, on every curve. */
  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void ecdsaPublicPointIsDerivedAsTheJdkDoes(EcCurve curve) throws Exception {
    for (int i = 0; i < 5; i++) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve.standardName()));
      KeyPair kp = g.generateKeyPair();
      SshPrivateKey k = SshPrivateKey.fromJca(kp);
      assertThat(k.publicKey().keyData()).isEqualTo(KeyData.fromJca(kp.getPublic()));
      EcdsaPrivateKeyData ec = (EcdsaPrivateKeyData) k.keyData();
      assertThat(EcdsaPrivateKeyData.fromScalar(curve, ec.privateScalar(ACCESS)).publicKey())
          .isEqualTo(ec.publicKey());
    }
  }

  @Test
  void ecdsaMismatchAndRange() throws Exception {
    EcdsaPrivateKeyData a = (EcdsaPrivateKeyData) KeyGenerator.create().generate(KeyType.ECDSA_NISTP256, Comment.none()).keyData();
    EcdsaPrivateKeyData b = (EcdsaPrivateKeyData) KeyGenerator.create().generate(KeyType.ECDSA_NISTP256, Comment.none()).keyData();
    assertCode(() -> EcdsaPrivateKeyData.of(a.publicKey(), b.privateScalar(ACCESS)), ErrorCode.KEY_MISMATCH, "does not match");
    assertCode(() -> EcdsaPrivateKeyData.of(a.publicKey(), BigInteger.ZERO), ErrorCode.INVALID_VALUE, "not in (0, n)");
    assertCode(() -> EcdsaPrivateKeyData.of(a.publicKey(), EcCurve.NISTP256.order()), ErrorCode.INVALID_VALUE, "not in (0, n)");
    assertThat(a.sameKey(b)).isFalse();
    assertThat(a.sameKey(EcdsaPrivateKeyData.of(a.publicKey(), a.privateScalar(ACCESS)))).isTrue();
  }

  /** The public key derived from a seed is the JDK's, and signatures by the private key verify with it. */
  @Test
  void ed25519SeedDerivation() throws Exception {
    for (int i = 0; i < 5; i++) {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      SshPrivateKey k = SshPrivateKey.fromJca(kp);
      assertThat(k.publicKey().keyData()).isEqualTo(KeyData.fromJca(kp.getPublic()));
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(k.keyData().toJcaPrivateKey(dev.keypair.core.InsecureSecretAccess.get()));
      s.update(new byte[] {1, 2, 3});
      byte[] sig = s.sign();
      s.initVerify(k.publicKey().toJca());
      s.update(new byte[] {1, 2, 3});
      assertThat(s.verify(sig)).isTrue();
    }
  }

  @Test
  void ed25519Checks() {
    Ed25519PrivateKeyData a = Ed25519PrivateKeyData.fromSeed(new byte[32]);
    byte[] other = new byte[32];
    other[0] = 1;
    Ed25519PrivateKeyData b = Ed25519PrivateKeyData.fromSeed(other);
    assertCode(() -> Ed25519PrivateKeyData.of(a.publicKey(), other), ErrorCode.KEY_MISMATCH, "derived from the seed");
    assertCode(() -> Ed25519PrivateKeyData.fromSeed(new byte[31]), ErrorCode.INVALID_VALUE, "31 bytes, not 32");
    assertCode(() -> Ed25519PrivateKeyData.fromSeed(new byte[33]), ErrorCode.INVALID_VALUE, "33 bytes, not 32");
    assertThat(a.sameKey(b)).isFalse();
    assertThat(a.sameKey(Ed25519PrivateKeyData.of(a.publicKey(), new byte[32]))).isTrue();
    // RFC 8032 section 7.1, test 1
    byte[] seed = java.util.HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    assertThat(Ed25519PrivateKeyData.fromSeed(seed).publicKey().keyBytes()).isEqualTo(java.util.HexFormat.of()
        .parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  }

  @Test
  void ed25519SeedIsWipedByDestroy() {
    Ed25519PrivateKeyData k = Ed25519PrivateKeyData.fromSeed(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    List<Object> wiped = dev.keypair.testsupport.Wipes.during(k::destroy).buffers();
    assertThat(k.isDestroyed()).isTrue();
    assertThat(wiped).hasSize(1).allMatch(Wipe::isWiped);
    assertThatThrownBy(() -> k.seed(ACCESS)).isInstanceOf(IllegalStateException.class);
  }

  // --- RSA (HOSTILE 22) ---

  private static RSAPrivateCrtKey rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
  }

  @Test
  void rsaChecksEachComponent() throws Exception {
    RSAPrivateCrtKey k = rsa(2048);
    BigInteger n = k.getModulus();
    BigInteger e = k.getPublicExponent();
    BigInteger d = k.getPrivateExponent();
    BigInteger p = k.getPrimeP();
    BigInteger q = k.getPrimeQ();
    BigInteger iqmp = k.getCrtCoefficient();
    RsaPrivateKeyData ok = RsaPrivateKeyData.of(n, e, d, p, q, iqmp);
    assertThat(ok.bits()).isEqualTo(2048);
    assertThat(ok.primeExponentP(ACCESS)).isEqualTo(k.getPrimeExponentP());
    assertCode(() -> RsaPrivateKeyData.of(n, e, d, p.add(BigInteger.TWO), q, iqmp), ErrorCode.INVALID_VALUE, "p * q is not n");
    assertCode(() -> RsaPrivateKeyData.of(n, e, d.add(BigInteger.TWO), p, q, iqmp), ErrorCode.INVALID_VALUE, "not the inverse of e");
    assertCode(() -> RsaPrivateKeyData.of(n, e, d, p, q, iqmp.add(BigInteger.ONE)), ErrorCode.INVALID_VALUE, "iqmp");
    assertCode(() -> RsaPrivateKeyData.of(n, e, BigInteger.ZERO, p, q, iqmp), ErrorCode.INVALID_VALUE, "d is not in (0, n)");
    // swapped primes (as PuTTYgen writes them) are the same key with another iqmp
    RsaPrivateKeyData swapped = RsaPrivateKeyData.of(n, e, d, q, p, p.modInverse(q));
    assertThat(swapped.publicKey()).isEqualTo(ok.publicKey());
  }

  /** From an already valid public key: the same key and the same refusals as from n and e. */
  @Test
  void rsaFromAValidatedPublicKeyChecksTheRest() throws Exception {
    RSAPrivateCrtKey k = rsa(2048);
    BigInteger d = k.getPrivateExponent();
    BigInteger p = k.getPrimeP();
    BigInteger q = k.getPrimeQ();
    BigInteger iqmp = k.getCrtCoefficient();
    KeyPairLimits limits = KeyPairLimits.defaults();
    RsaKeyData pub = RsaKeyData.of(k.getPublicExponent(), k.getModulus(), limits);
    RsaPrivateKeyData key = RsaPrivateKeyData.of(pub, d, p, q, iqmp, limits);
    assertThat(key.publicKey()).isSameAs(pub);
    assertThat(key.sameKey(RsaPrivateKeyData.of(k.getModulus(), k.getPublicExponent(), d, p, q, iqmp))).isTrue();
    assertThat(key.primeExponentP(ACCESS)).isEqualTo(k.getPrimeExponentP());
    assertThat(key.primeExponentQ(ACCESS)).isEqualTo(k.getPrimeExponentQ());
    assertCode(() -> RsaPrivateKeyData.of(pub, d, p.add(BigInteger.TWO), q, iqmp, limits), ErrorCode.INVALID_VALUE,
        "p * q is not n");
    assertCode(() -> RsaPrivateKeyData.of(pub, d.add(BigInteger.TWO), p, q, iqmp, limits), ErrorCode.INVALID_VALUE,
        "not the inverse of e");
    assertCode(() -> RsaPrivateKeyData.of(pub, d, p, q, iqmp.add(BigInteger.ONE), limits), ErrorCode.INVALID_VALUE,
        "iqmp");
    // a public key checked under other limits is held to these too
    assertCode(() -> RsaPrivateKeyData.of(pub, d, p, q, iqmp, KeyPairLimits.builder().rsaBits(1024, 1024).build()),
        ErrorCode.KEY_TOO_LARGE, "over the limit of 1024");
    assertCode(() -> RsaPrivateKeyData.of(pub, d, p, q, iqmp, KeyPairLimits.builder().rsaBits(3072, 4096).build()),
        ErrorCode.WEAK_KEY, "under the minimum of 3072");
  }

  /**
   * The d check (e * d = 1 mod p - 1 and mod q - 1) gives the verdict of e * d mod lcm(p - 1, q - 1) = 1
   * on d values that satisfy both halves, one, or neither.
   */
  @Test
  void rsaPrivateExponentCheckIsTheLcmCheck() throws Exception {
    RSAPrivateCrtKey k = rsa(2048);
    BigInteger n = k.getModulus();
    BigInteger e = k.getPublicExponent();
    BigInteger p = k.getPrimeP();
    BigInteger q = k.getPrimeQ();
    BigInteger pm1 = p.subtract(BigInteger.ONE);
    BigInteger qm1 = q.subtract(BigInteger.ONE);
    BigInteger lcm = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
    BigInteger d = e.modInverse(lcm);
    List<BigInteger> candidates = List.of(d, d.add(lcm), e.modInverse(pm1.multiply(qm1)),
        d.add(pm1), d.add(qm1), d.add(lcm.shiftRight(1)), d.add(BigInteger.ONE), d.subtract(BigInteger.ONE));
    int accepted = 0;
    for (BigInteger candidate : candidates) {
      boolean expected = e.multiply(candidate).mod(lcm).equals(BigInteger.ONE);
      if (expected) {
        accepted++;
        assertThat(RsaPrivateKeyData.of(n, e, candidate, p, q, k.getCrtCoefficient()).bits()).isEqualTo(2048);
      } else {
        assertCode(() -> RsaPrivateKeyData.of(n, e, candidate, p, q, k.getCrtCoefficient()), ErrorCode.INVALID_VALUE,
            "d is not the inverse of e");
      }
    }
    assertThat(accepted).isEqualTo(3); // d, d + lcm and the inverse modulo (p - 1)(q - 1)
  }

  @Test
  void rsaRefusesHugePrimeBeforeAnyArithmetic() {
    BigInteger huge = BigInteger.ONE.shiftLeft(8192).add(BigInteger.ONE);
    BigInteger n = TestRsa.MODULUS_16384;
    long t0 = System.nanoTime();
    assertCode(() -> RsaPrivateKeyData.of(n, BigInteger.valueOf(65537), BigInteger.TEN, huge, BigInteger.valueOf(3), BigInteger.ONE),
        ErrorCode.INVALID_VALUE, "8193 bits, over the limit of 8192");
    assertThat(System.nanoTime() - t0).isLessThan(1_000_000_000L); // a hang guard, not a speed test: p*q alone is microseconds
  }

  /** The prime cap is half of the limits' RSA maximum: an unbalanced key passes or not with the limits. */
  @Test
  void rsaPrimeCapFollowsTheLimits() {
    java.util.Random r = new java.util.Random(22);
    BigInteger e = BigInteger.valueOf(65537);
    BigInteger p;
    BigInteger q;
    do {
      p = BigInteger.probablePrime(1100, r);
      q = BigInteger.probablePrime(924, r);
    } while (!p.subtract(BigInteger.ONE).gcd(e).equals(BigInteger.ONE)
        || !q.subtract(BigInteger.ONE).gcd(e).equals(BigInteger.ONE));
    BigInteger n = p.multiply(q);
    BigInteger lcm = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE))
        .divide(p.subtract(BigInteger.ONE).gcd(q.subtract(BigInteger.ONE)));
    BigInteger d = e.modInverse(lcm);
    BigInteger iqmp = q.modInverse(p);
    KeyPairLimits upTo2048 = KeyPairLimits.builder().rsaBits(1024, 2048).build();
    assertThat(upTo2048.rsaMaxPrimeBits()).isEqualTo(1024);
    assertThat(KeyPairLimits.defaults().rsaMaxPrimeBits()).isEqualTo(8192);
    BigInteger pp = p;
    BigInteger qq = q;
    assertCode(() -> RsaPrivateKeyData.of(n, e, d, pp, qq, iqmp, upTo2048), ErrorCode.INVALID_VALUE,
        "1100 bits, over the limit of 1024");
    assertThat(RsaPrivateKeyData.of(n, e, d, p, q, iqmp).publicKey().bits()).isEqualTo(n.bitLength());
  }

  // --- DSA ---

  @Test
  void dsaChecks() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("DSA");
    g.initialize(1024);
    KeyPair kp = g.generateKeyPair();
    SshPrivateKey k = SshPrivateKey.fromJca(kp);
    DsaPrivateKeyData dsa = (DsaPrivateKeyData) k.keyData();
    assertThat(k.publicKey().keyData()).isEqualTo(KeyData.fromJca(kp.getPublic()));
    assertCode(() -> DsaPrivateKeyData.of(dsa.publicKey(), dsa.privateValue(ACCESS).add(BigInteger.ONE)),
        ErrorCode.KEY_MISMATCH, "y != g^x");
    assertCode(() -> DsaPrivateKeyData.of(dsa.publicKey(), dsa.publicKey().q()), ErrorCode.INVALID_VALUE, "not in (0, q)");
  }

  // --- generation ---

  @ParameterizedTest
  @ValueSource(strings = {"ED25519", "ECDSA_NISTP256", "ECDSA_NISTP384", "ECDSA_NISTP521"})
  void generatesEveryCurveType(String type) {
    SshPrivateKey k = KeyGenerator.create().generate(KeyType.valueOf(type), Comment.of("gen"));
    assertThat(k.type()).isEqualTo(KeyType.valueOf(type));
    assertThat(k.comment()).isEqualTo(Comment.of("gen"));
    assertThat(SshPrivateKey.fromJca(k.toJcaKeyPair(dev.keypair.core.InsecureSecretAccess.get())).sameKey(k)).isTrue();
  }

  @Test
  void generatesRsaOfTheDefaultAndOtherSizes() {
    SshPrivateKey k = KeyGenerator.create().generate(KeyType.RSA, Comment.none());
    assertThat(k.bits()).isEqualTo(3072);
    assertThat(KeyGenerator.create().generate(KeyType.RSA, 2048, Comment.none()).bits()).isEqualTo(2048);
    assertCode(() -> KeyGenerator.create().generate(KeyType.RSA, 1000, Comment.none()), ErrorCode.WEAK_KEY, "at least 1024");
    assertCode(() -> KeyGenerator.create().generate(KeyType.RSA, 20000, Comment.none()), ErrorCode.KEY_TOO_LARGE, "at most 16384");
    assertCode(() -> KeyGenerator.create().generate(KeyType.DSA, 1024, Comment.none()), ErrorCode.UNSUPPORTED_ALGORITHM, "DSA");
    assertCode(() -> KeyGenerator.create().generate(KeyType.ECDSA_NISTP256, 384, Comment.none()), ErrorCode.INVALID_VALUE, "256 bits");
    assertThat(KeyGenerator.ecdsaType(521)).isEqualTo(KeyType.ECDSA_NISTP521);
  }

  @Test
  void generationIsReproducibleWithASeededRandom() throws Exception {
    SecureRandom r1 = SecureRandom.getInstance("SHA1PRNG");
    r1.setSeed(42);
    SecureRandom r2 = SecureRandom.getInstance("SHA1PRNG");
    r2.setSeed(42);
    SshPrivateKey a = KeyGenerator.create(r1, KeyPairLimits.defaults()).generate(KeyType.ED25519, Comment.none());
    SshPrivateKey b = KeyGenerator.create(r2, KeyPairLimits.defaults()).generate(KeyType.ED25519, Comment.none());
    assertThat(a.sameKey(b)).isTrue();
  }

  @Test
  void noSecretInToString() throws Exception {
    SshPrivateKey k = SshPrivateKey.fromJca(KeyPairGenerator.getInstance("RSA").generateKeyPair()).withComment(Comment.of("me"));
    RsaPrivateKeyData r = (RsaPrivateKeyData) k.keyData();
    String s = k + " " + r;
    assertThat(s).isEqualTo("SshPrivateKey[RSA 2048, comment=me] RsaPrivateKeyData[RSA 2048]");
    assertThat(s).doesNotContain(r.privateExponent(ACCESS).toString(16).substring(0, 8));
  }

  /** A 16384-bit odd modulus without small factors, for the prime-size test. */
  static final class TestRsa {
    static final BigInteger MODULUS_16384 = dev.keypair.testsupport.TestKeys.randomRsa(new java.util.Random(9), 16384).modulus();
  }
}
