package dev.keypair.core;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Objects;

/**
 * An ECDSA private key on a NIST prime curve: the scalar {@code d} with its public point. Checked
 * when made: {@code 0 < d < n} ({@link ErrorCode#INVALID_VALUE}) and {@code d * G = Q}
 * ({@link ErrorCode#KEY_MISMATCH}).
 */
public final class EcdsaPrivateKeyData implements PrivateKeyData {

  private final EcdsaKeyData publicKey;
  private final BigInteger d;

  private EcdsaPrivateKeyData(EcdsaKeyData publicKey, BigInteger d) {
    this.publicKey = publicKey;
    this.d = d;
  }

  /** A validated key. */
  public static EcdsaPrivateKeyData of(EcdsaKeyData publicKey, BigInteger d) {
    Objects.requireNonNull(publicKey, "publicKey");
    checkScalar(publicKey.curve(), d);
    BigInteger[] q = EcMath.multiplyGenerator(publicKey.curve(), d);
    if (!q[0].equals(publicKey.x()) || !q[1].equals(publicKey.y())) {
      throw new KeyPairException(ErrorCode.KEY_MISMATCH, "ECDSA private key does not match its public key");
    }
    return new EcdsaPrivateKeyData(publicKey, d);
  }

  /** The key for scalar {@code d} on {@code curve}; computes the public point. */
  public static EcdsaPrivateKeyData fromScalar(EcCurve curve, BigInteger d) {
    Objects.requireNonNull(curve, "curve");
    checkScalar(curve, d);
    BigInteger[] q = EcMath.multiplyGenerator(curve, d);
    return new EcdsaPrivateKeyData(EcdsaKeyData.of(curve, q[0], q[1]), d);
  }

  private static void checkScalar(EcCurve curve, BigInteger d) {
    Objects.requireNonNull(d, "d");
    if (d.signum() <= 0 || d.compareTo(curve.order()) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE,
          "ECDSA " + curve.sshName() + " private scalar is not in (0, n)");
    }
  }

  @Override
  public EcdsaKeyData publicKey() {
    return publicKey;
  }

  public EcCurve curve() {
    return publicKey.curve();
  }

  public BigInteger privateScalar(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return d;
  }

  @Override
  public boolean sameKey(PrivateKeyData other) {
    return other instanceof EcdsaPrivateKeyData o && publicKey.equals(o.publicKey)
        && MessageDigest.isEqual(d.toByteArray(), o.d.toByteArray());
  }

  @Override
  public PrivateKey toJcaPrivateKey(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return JcaKeys.toJcaPrivate("EC", new ECPrivateKeySpec(d, curve().jcaParameterSpec()), "an EC private key");
  }

  @Override
  public String toString() {
    return "EcdsaPrivateKeyData[ECDSA " + bits() + "]";
  }
}
