package dev.keypair.core;

import dev.keypair.core.internal.Wipe;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Objects;

/**
 * An RSA private key: the public key {@code (n, e)} with {@code d}, the primes {@code p} and
 * {@code q} (in the order the file gave them: PuTTYgen, for one, swaps them) and the CRT coefficient
 * {@code iqmp = q^-1 mod p}, as OpenSSH, PKCS#1 and PuTTY store it.
 *
 * <p>Checked when made, in this order so that a crafted key costs nothing: the public half (see
 * {@link RsaKeyData}); each prime at most {@link KeyPairLimits#rsaMaxPrimeBits()} (8192) bits and
 * greater than 1; {@code p * q = n};
 * {@code 0 < d < n} and {@code e * d = 1 mod lcm(p - 1, q - 1)}; {@code q * iqmp = 1 mod p}. Failures
 * are {@link ErrorCode#INVALID_VALUE}. No primality test: {@code p * q = n} with a valid {@code d}
 * already proves the key works.
 */
public final class RsaPrivateKeyData implements PrivateKeyData {

  private final RsaKeyData publicKey;
  private final BigInteger d;
  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger iqmp;
  private final BigInteger dP;
  private final BigInteger dQ;

  private RsaPrivateKeyData(RsaKeyData publicKey, BigInteger d, BigInteger p, BigInteger q, BigInteger iqmp,
      BigInteger dP, BigInteger dQ) {
    this.publicKey = publicKey;
    this.d = d;
    this.p = p;
    this.q = q;
    this.iqmp = iqmp;
    this.dP = dP;
    this.dQ = dQ;
  }

  /** A validated key with the default limits. */
  public static RsaPrivateKeyData of(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
      BigInteger iqmp) {
    return of(n, e, d, p, q, iqmp, KeyPairLimits.defaults());
  }

  /** A validated key. */
  public static RsaPrivateKeyData of(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
      BigInteger iqmp, KeyPairLimits limits) {
    Objects.requireNonNull(d, "d");
    Objects.requireNonNull(p, "p");
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(iqmp, "iqmp");
    return of(RsaKeyData.of(e, n, limits), d, p, q, iqmp, limits);
  }

  /**
   * A validated key whose public half was already read and validated, as in the files that hold it twice
   * (openssh-key-v1, PPK): the checks of {@link #of(BigInteger, BigInteger, BigInteger, BigInteger,
   * BigInteger, BigInteger, KeyPairLimits)} except those of {@link RsaKeyData}, which it already passed.
   */
  public static RsaPrivateKeyData of(RsaKeyData publicKey, BigInteger d, BigInteger p, BigInteger q,
      BigInteger iqmp, KeyPairLimits limits) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(d, "d");
    Objects.requireNonNull(p, "p");
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(iqmp, "iqmp");
    Objects.requireNonNull(limits, "limits");
    // the public key may have been checked under other limits: its size is checked again under these (the rest
    // of its checks do not depend on limits)
    RsaKeyData.checkSize(publicKey.bits(), limits);
    BigInteger n = publicKey.modulus();
    BigInteger e = publicKey.publicExponent();
    for (BigInteger prime : new BigInteger[] {p, q}) {
      if (prime.bitLength() > limits.rsaMaxPrimeBits()) {
        throw invalid("a prime has " + prime.bitLength() + " bits, over the limit of " + limits.rsaMaxPrimeBits());
      }
      if (prime.compareTo(BigInteger.ONE) <= 0) {
        throw invalid("a prime is not greater than 1");
      }
    }
    if (!p.multiply(q).equals(n)) {
      throw invalid("p * q is not n");
    }
    if (d.signum() <= 0 || d.compareTo(n) >= 0) {
      throw invalid("d is not in (0, n)");
    }
    BigInteger pm1 = p.subtract(BigInteger.ONE);
    BigInteger qm1 = q.subtract(BigInteger.ONE);
    BigInteger dP;
    BigInteger dQ;
    byte[] dBytes = d.toByteArray(); // converted once for both remainders
    try {
      dP = WordRemainder.mod(d, dBytes, pm1);
      dQ = WordRemainder.mod(d, dBytes, qm1);
    } finally {
      Wipe.wipe("rsa-remainder", dBytes);
    }
    if (!invertsModuloCarmichael(e, dP, pm1, dQ, qm1)) {
      throw invalid("d is not the inverse of e");
    }
    if (iqmp.signum() <= 0 || iqmp.compareTo(p) >= 0 || !WordRemainder.isOne(q.multiply(iqmp), p)) {
      throw invalid("iqmp is not q^-1 mod p");
    }
    return new RsaPrivateKeyData(publicKey, d, p, q, iqmp, dP, dQ);
  }

  /** A key from its CRT components; computes {@code iqmp}. */
  public static RsaPrivateKeyData fromPrimes(BigInteger e, BigInteger p, BigInteger q, KeyPairLimits limits) {
    BigInteger n = p.multiply(q);
    BigInteger d;
    try {
      d = e.modInverse(carmichael(p, q));
    } catch (ArithmeticException ex) {
      throw invalid("e is not invertible modulo lcm(p - 1, q - 1)");
    }
    return of(n, e, d, p, q, q.modInverse(p), limits);
  }

  /**
   * Whether {@code e * d = 1 mod lcm(p - 1, q - 1)}, from {@code dP = d mod (p - 1)} and
   * {@code dQ = d mod (q - 1)}, without the lcm's gcd: {@code e * d - 1} is a multiple of the lcm exactly
   * when it is a multiple of {@code p - 1} and of {@code q - 1}, that is when {@code e * dP - 1} is a
   * multiple of {@code p - 1} and {@code e * dQ - 1} of {@code q - 1}; and {@code x = 1 mod m} needs
   * {@code m > 1}, which for the lcm means not both primes are 2.
   */
  private static boolean invertsModuloCarmichael(BigInteger e, BigInteger dP, BigInteger pm1, BigInteger dQ,
      BigInteger qm1) {
    if (pm1.equals(BigInteger.ONE) && qm1.equals(BigInteger.ONE)) {
      return false;
    }
    return e.multiply(dP).subtract(BigInteger.ONE).mod(pm1).signum() == 0
        && e.multiply(dQ).subtract(BigInteger.ONE).mod(qm1).signum() == 0;
  }

  /** Carmichael's λ(pq) = lcm(p - 1, q - 1). */
  private static BigInteger carmichael(BigInteger p, BigInteger q) {
    BigInteger pm1 = p.subtract(BigInteger.ONE);
    BigInteger qm1 = q.subtract(BigInteger.ONE);
    return pm1.divide(pm1.gcd(qm1)).multiply(qm1);
  }

  private static KeyPairException invalid(String why) {
    return new KeyPairException(ErrorCode.INVALID_VALUE, "RSA private key: " + why);
  }

  @Override
  public RsaKeyData publicKey() {
    return publicKey;
  }

  public BigInteger privateExponent(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return d;
  }

  public BigInteger primeP(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return p;
  }

  public BigInteger primeQ(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return q;
  }

  /** {@code q^-1 mod p}. */
  public BigInteger crtCoefficient(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return iqmp;
  }

  /** {@code d mod (p - 1)}. */
  public BigInteger primeExponentP(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return dP;
  }

  /** {@code d mod (q - 1)}. */
  public BigInteger primeExponentQ(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return dQ;
  }

  @Override
  public boolean sameKey(PrivateKeyData other) {
    if (!(other instanceof RsaPrivateKeyData o) || !publicKey.equals(o.publicKey)) {
      return false;
    }
    boolean same = MessageDigest.isEqual(d.toByteArray(), o.d.toByteArray());
    same &= MessageDigest.isEqual(p.toByteArray(), o.p.toByteArray());
    same &= MessageDigest.isEqual(q.toByteArray(), o.q.toByteArray());
    return same;
  }

  @Override
  public PrivateKey toJcaPrivateKey(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    InsecureSecretAccess a = InsecureSecretAccess.get();
    return JcaKeys.toJcaPrivate("RSA", new RSAPrivateCrtKeySpec(publicKey.modulus(), publicKey.publicExponent(), d,
        p, q, primeExponentP(a), primeExponentQ(a), iqmp), "an RSA private key");
  }

  @Override
  public String toString() {
    return "RsaPrivateKeyData[RSA " + bits() + "]";
  }
}
