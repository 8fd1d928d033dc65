package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;

/**
 * An RSA public key, {@code ssh-rsa} (RFC 4253 section 6.6):
 * <pre>
 * string  "ssh-rsa"
 * mpint   e
 * mpint   n
 * </pre>
 *
 * <p>Checked when made, before any other arithmetic: the modulus length is within the limits'
 * {@linkplain KeyPairLimits#rsaMinBits() floor} ({@link ErrorCode#WEAK_KEY}) and
 * {@linkplain KeyPairLimits#rsaMaxBits() cap} ({@link ErrorCode#KEY_TOO_LARGE}); the modulus is odd
 * and has no prime factor below 256 ({@code WEAK_KEY}); the exponent is odd, greater than 1 and
 * less than the modulus ({@link ErrorCode#INVALID_VALUE}). No primality test is run: a parser of
 * public keys does not need one, and it costs milliseconds per key.
 */
public final class RsaKeyData extends AbstractKeyData implements KeyData {

  private final BigInteger e;
  private final BigInteger n;

  private RsaKeyData(BigInteger e, BigInteger n, byte[] blob) {
    super(blob);
    this.e = e;
    this.n = n;
  }

  /** A validated key with the default limits. */
  public static RsaKeyData of(BigInteger publicExponent, BigInteger modulus) {
    return of(publicExponent, modulus, KeyPairLimits.defaults());
  }

  /** A validated key. */
  public static RsaKeyData of(BigInteger publicExponent, BigInteger modulus, KeyPairLimits limits) {
    Objects.requireNonNull(publicExponent, "publicExponent");
    Objects.requireNonNull(modulus, "modulus");
    Objects.requireNonNull(limits, "limits");
    validate(publicExponent, modulus, limits);
    byte[] blob = new SshWireWriter(modulus.bitLength() / 8 + 32)
        .writeString(KeyType.RSA.sshName()).writeMpint(publicExponent).writeMpint(modulus).toByteArray();
    return new RsaKeyData(publicExponent, modulus, blob);
  }

  /** For the blob decoder, which has checked that {@code blob} is the canonical encoding. */
  static RsaKeyData decoded(BigInteger e, BigInteger n, byte[] blob, KeyPairLimits limits) {
    validate(e, n, limits);
    return new RsaKeyData(e, n, blob);
  }

  static void validate(BigInteger e, BigInteger n, KeyPairLimits limits) {
    int bits = n.bitLength();
    if (n.signum() <= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "RSA modulus is not positive");
    }
    if (bits > limits.rsaMaxBits()) {
      throw new KeyPairException(ErrorCode.KEY_TOO_LARGE,
          "RSA modulus has " + bits + " bits, over the limit of " + limits.rsaMaxBits());
    }
    if (bits < limits.rsaMinBits()) {
      throw new KeyPairException(ErrorCode.WEAK_KEY,
          "RSA modulus has " + bits + " bits, under the minimum of " + limits.rsaMinBits());
    }
    if (!n.testBit(0)) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "RSA modulus is even");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "RSA public exponent must be odd and greater than 1");
    }
    if (e.compareTo(n) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "RSA public exponent is not less than the modulus");
    }
    if (SmallPrimes.divides(n)) {
      throw new KeyPairException(ErrorCode.WEAK_KEY, "RSA modulus has a prime factor below 256");
    }
  }

  public BigInteger publicExponent() {
    return e;
  }

  public BigInteger modulus() {
    return n;
  }

  @Override
  public KeyType type() {
    return KeyType.RSA;
  }

  @Override
  public String algorithmName() {
    return KeyType.RSA.sshName();
  }

  @Override
  public int bits() {
    return n.bitLength();
  }

  @Override
  public String label() {
    return KeyType.RSA.label();
  }

  @Override
  public PublicKey toJcaPublicKey() {
    return JcaKeys.toJcaPublic("RSA", new RSAPublicKeySpec(n, e), "an RSA public key");
  }
}
