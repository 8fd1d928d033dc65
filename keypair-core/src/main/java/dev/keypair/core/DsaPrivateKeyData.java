package dev.keypair.core;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.DSAPrivateKeySpec;
import java.util.Objects;

/**
 * A DSA private key, read for compatibility: {@code x} with its public key. Checked when made:
 * {@code 0 < x < q} ({@link ErrorCode#INVALID_VALUE}) and {@code y = g^x mod p}
 * ({@link ErrorCode#KEY_MISMATCH}).
 */
public final class DsaPrivateKeyData implements PrivateKeyData {

  private final DsaKeyData publicKey;
  private final BigInteger x;

  private DsaPrivateKeyData(DsaKeyData publicKey, BigInteger x) {
    this.publicKey = publicKey;
    this.x = x;
  }

  public static DsaPrivateKeyData of(DsaKeyData publicKey, BigInteger x) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(x, "x");
    if (x.signum() <= 0 || x.compareTo(publicKey.q()) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "DSA private key: x is not in (0, q)");
    }
    if (!publicKey.g().modPow(x, publicKey.p()).equals(publicKey.y())) {
      throw new KeyPairException(ErrorCode.KEY_MISMATCH, "DSA private key does not match its public key (y != g^x)");
    }
    return new DsaPrivateKeyData(publicKey, x);
  }

  /**
   * The key for {@code x} in the group {@code (p, q, g)}; computes {@code y}, after the group and
   * {@code x} are checked (so a crafted p never costs a modular exponentiation).
   */
  public static DsaPrivateKeyData fromPrivate(BigInteger p, BigInteger q, BigInteger g, BigInteger x,
      KeyPairLimits limits) {
    Objects.requireNonNull(x, "x");
    DsaKeyData.of(p, q, g, g.mod(p).max(BigInteger.TWO), limits); // the group's checks, with a stand-in y
    if (x.signum() <= 0 || x.compareTo(q) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "DSA private key: x is not in (0, q)");
    }
    return of(DsaKeyData.of(p, q, g, g.modPow(x, p), limits), x);
  }

  @Override
  public DsaKeyData publicKey() {
    return publicKey;
  }

  public BigInteger privateValue(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return x;
  }

  @Override
  public boolean sameKey(PrivateKeyData other) {
    return other instanceof DsaPrivateKeyData o && publicKey.equals(o.publicKey)
        && MessageDigest.isEqual(x.toByteArray(), o.x.toByteArray());
  }

  @Override
  public PrivateKey toJcaPrivateKey(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return JcaKeys.toJcaPrivate("DSA", new DSAPrivateKeySpec(x, publicKey.p(), publicKey.q(), publicKey.g()),
        "a DSA private key");
  }

  @Override
  public String toString() {
    return "DsaPrivateKeyData[DSA " + bits() + "]";
  }
}
