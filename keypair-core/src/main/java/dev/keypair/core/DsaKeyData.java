package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.util.Objects;

/**
 * A DSA public key, {@code ssh-dss} (RFC 4253 section 6.6), read for compatibility (Alibaba Cloud
 * ECS still imports DSA keys); keypair never generates one.
 * <pre>
 * string  "ssh-dss"
 * mpint   p
 * mpint   q
 * mpint   g
 * mpint   y
 * </pre>
 *
 * <p>Checked when made: {@code p} within the limits' DSA sizes, {@code q} of 160, 224 or 256 bits,
 * both odd, and {@code 1 < g < p}, {@code 1 < y < p}.
 */
public final class DsaKeyData extends AbstractKeyData implements KeyData {

  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger g;
  private final BigInteger y;

  private DsaKeyData(BigInteger p, BigInteger q, BigInteger g, BigInteger y, byte[] blob) {
    super(blob);
    this.p = p;
    this.q = q;
    this.g = g;
    this.y = y;
  }

  /** A validated key with the default limits. */
  public static DsaKeyData of(BigInteger p, BigInteger q, BigInteger g, BigInteger y) {
    return of(p, q, g, y, KeyPairLimits.defaults());
  }

  /** A validated key. */
  public static DsaKeyData of(BigInteger p, BigInteger q, BigInteger g, BigInteger y, KeyPairLimits limits) {
    Objects.requireNonNull(p, "p");
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(g, "g");
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(limits, "limits");
    validate(p, q, g, y, limits);
    byte[] blob = new SshWireWriter(p.bitLength() / 2 + 64).writeString(KeyType.DSA.sshName())
        .writeMpint(p).writeMpint(q).writeMpint(g).writeMpint(y).toByteArray();
    return new DsaKeyData(p, q, g, y, blob);
  }

  static DsaKeyData decoded(BigInteger p, BigInteger q, BigInteger g, BigInteger y, byte[] blob,
      KeyPairLimits limits) {
    validate(p, q, g, y, limits);
    return new DsaKeyData(p, q, g, y, blob);
  }

  private static void validate(BigInteger p, BigInteger q, BigInteger g, BigInteger y, KeyPairLimits limits) {
    int bits = p.bitLength();
    if (bits > limits.dsaMaxBits()) {
      throw new KeyPairException(ErrorCode.KEY_TOO_LARGE,
          "DSA prime p has " + bits + " bits, over the limit of " + limits.dsaMaxBits());
    }
    if (bits < limits.dsaMinBits()) {
      throw new KeyPairException(ErrorCode.WEAK_KEY,
          "DSA prime p has " + bits + " bits, under the minimum of " + limits.dsaMinBits());
    }
    int qBits = q.bitLength();
    if (qBits != 160 && qBits != 224 && qBits != 256) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "DSA subprime q has " + qBits + " bits, not 160, 224 or 256");
    }
    if (!p.testBit(0) || !q.testBit(0)) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "DSA p and q must be odd");
    }
    if (g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(p) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "DSA generator g is not in (1, p)");
    }
    if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "DSA public value y is not in (1, p)");
    }
  }

  public BigInteger p() {
    return p;
  }

  public BigInteger q() {
    return q;
  }

  public BigInteger g() {
    return g;
  }

  public BigInteger y() {
    return y;
  }

  @Override
  public KeyType type() {
    return KeyType.DSA;
  }

  @Override
  public String algorithmName() {
    return KeyType.DSA.sshName();
  }

  @Override
  public int bits() {
    return p.bitLength();
  }

  @Override
  public String label() {
    return KeyType.DSA.label();
  }

  @Override
  public PublicKey toJcaPublicKey() {
    return JcaKeys.toJcaPublic("DSA", new DSAPublicKeySpec(y, p, q, g), "a DSA public key");
  }
}
