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
  /**
   * {@code d mod (p - 1)} and {@code d mod (q - 1)}: made by the check of {@code d} when it had to reduce
   * {@code d}, else made when first asked for. Not final: a thread that does not see one set makes the same
   * value again.
   */
  private BigInteger dP;
  private BigInteger dQ;

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
    BigInteger e = publicKey.publicExponent();
    for (BigInteger prime : new BigInteger[] {p, q}) {
      if (prime.bitLength() > limits.rsaMaxPrimeBits()) {
        throw invalid("a prime has " + prime.bitLength() + " bits, over the limit of " + limits.rsaMaxPrimeBits());
      }
      if (prime.compareTo(BigInteger.ONE) <= 0) {
        throw invalid("a prime is not greater than 1");
      }
    }
    BigInteger n = p.multiply(q);
    if (!publicKey.modulusIs(n)) { // n itself need not be made: a key read from DER has its bytes
      throw invalid("p * q is not n");
    }
    if (d.signum() <= 0 || d.compareTo(n) >= 0) {
      throw invalid("d is not in (0, n)");
    }
    BigInteger dP = null;
    BigInteger dQ = null;
    if (!RsaExponents.provesInverse(n, e, d, p, q)) {
      BigInteger[] crt = RsaExponents.exact(e, d, p, q);
      if (crt == null) {
        throw invalid("d is not the inverse of e");
      }
      dP = crt[0];
      dQ = crt[1];
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
    BigInteger v = dP;
    if (v == null) {
      v = WordRemainder.mod(d, p.subtract(BigInteger.ONE));
      dP = v;
    }
    return v;
  }

  /** {@code d mod (q - 1)}. */
  public BigInteger primeExponentQ(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    BigInteger v = dQ;
    if (v == null) {
      v = WordRemainder.mod(d, q.subtract(BigInteger.ONE));
      dQ = v;
    }
    return v;
  }

  /**
   * Whether {@code fileDP} is {@code d mod (p - 1)} and {@code fileDQ} is {@code d mod (q - 1)}, given as the
   * minimal big-endian two's complement bytes of positive numbers (DER INTEGER contents), for a format that stores
   * the CRT exponents (PKCS#1): a wrong one makes faulty CRT signatures. An exponent this key has not made is
   * checked as an inverse of {@code e} ({@link WordRemainder#isInverse}): this key's {@code d} is one, and there is
   * one in {@code (0, p - 1)}. The key has not made them only when {@link RsaExponents#provesInverse} proved
   * {@code d}, which it does only for an {@code e} of at most 31 bits.
   */
  boolean hasCrtExponents(byte[] fileDP, byte[] fileDQ) {
    // a thread other than the maker may not see exponents the maker set: with an e over 31 bits (never proved,
    // so always made) they are made again here rather than the inverse test given a truncated e
    boolean smallE = publicKey.publicExponent().bitLength() <= 31;
    InsecureSecretAccess access = InsecureSecretAccess.get();
    return isCrtExponent(smallE ? dP : primeExponentP(access), fileDP, p)
        && isCrtExponent(smallE ? dQ : primeExponentQ(access), fileDQ, q);
  }

  private boolean isCrtExponent(BigInteger known, byte[] file, BigInteger prime) {
    if (known != null) {
      byte[] b = known.toByteArray();
      try {
        return MessageDigest.isEqual(b, file);
      } finally {
        Wipe.wipe("rsa-crt-exponent", b);
      }
    }
    byte[] m = prime.subtract(BigInteger.ONE).toByteArray();
    try {
      return WordRemainder.isInverse(publicKey.publicExponent().intValue(), file, m);
    } finally {
      Wipe.wipe("rsa-crt-exponent", m);
    }
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
