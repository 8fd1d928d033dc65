package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Objects;

/**
 * An ECDSA public key on a NIST prime curve (RFC 5656 section 3.1):
 * <pre>
 * string  "ecdsa-sha2-nistp256"     (or -nistp384, -nistp521)
 * string  "nistp256"                the curve, which must match the type name
 * string  Q                         the point, uncompressed: 04 || X || Y
 * </pre>
 *
 * <p>Checked when made: the point is uncompressed, not infinity, its coordinates are below the
 * field prime and it lies on the curve ({@link ErrorCode#INVALID_VALUE}); see {@link EcCurve}.
 * Compressed points are refused: OpenSSH and every tool write uncompressed ones.
 */
public final class EcdsaKeyData extends AbstractKeyData implements KeyData {

  private final EcCurve curve;
  private final byte[] point;

  private EcdsaKeyData(EcCurve curve, byte[] point, byte[] blob) {
    super(blob);
    this.curve = curve;
    this.point = point;
  }

  /** A validated key from an uncompressed SEC 1 point. */
  public static EcdsaKeyData of(EcCurve curve, byte[] uncompressedPoint) {
    Objects.requireNonNull(curve, "curve");
    byte[] q = uncompressedPoint.clone();
    curve.checkPoint(q);
    return new EcdsaKeyData(curve, q, encode(curve, q));
  }

  /** A validated key from affine coordinates. */
  public static EcdsaKeyData of(EcCurve curve, BigInteger x, BigInteger y) {
    Objects.requireNonNull(curve, "curve");
    return of(curve, uncompressed(curve, x, y));
  }

  static EcdsaKeyData decoded(EcCurve curve, byte[] point, byte[] blob) {
    curve.checkPoint(point);
    return new EcdsaKeyData(curve, point, blob);
  }

  static byte[] uncompressed(EcCurve curve, BigInteger x, BigInteger y) {
    int n = curve.coordinateLength();
    if (x.signum() < 0 || y.signum() < 0 || x.bitLength() > n * 8 || y.bitLength() > n * 8) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE,
          "ECDSA " + curve.sshName() + " coordinates do not fit the curve");
    }
    byte[] out = new byte[1 + 2 * n];
    out[0] = 4;
    putUnsigned(x, out, 1, n);
    putUnsigned(y, out, 1 + n, n);
    return out;
  }

  private static void putUnsigned(BigInteger v, byte[] out, int off, int len) {
    byte[] b = v.toByteArray();
    int skip = b.length > len ? b.length - len : 0; // a sign byte
    System.arraycopy(b, skip, out, off + len - (b.length - skip), b.length - skip);
  }

  private static byte[] encode(EcCurve curve, byte[] q) {
    return new SshWireWriter(q.length + 48).writeString(curve.keyType().sshName()).writeString(curve.sshName())
        .writeString(q).toByteArray();
  }

  public EcCurve curve() {
    return curve;
  }

  /** The uncompressed point {@code 04 || X || Y}, copied. */
  public byte[] point() {
    return point.clone();
  }

  /** The affine x coordinate, made from the point's bytes at each call. */
  public BigInteger x() {
    return new BigInteger(1, point, 1, curve.coordinateLength());
  }

  /** The affine y coordinate, made from the point's bytes at each call. */
  public BigInteger y() {
    int n = curve.coordinateLength();
    return new BigInteger(1, point, 1 + n, n);
  }

  @Override
  public KeyType type() {
    return curve.keyType();
  }

  @Override
  public String algorithmName() {
    return curve.keyType().sshName();
  }

  @Override
  public int bits() {
    return curve.bits();
  }

  @Override
  public String label() {
    return curve.keyType().label();
  }

  @Override
  public PublicKey toJcaPublicKey() {
    return JcaKeys.toJcaPublic("EC", new ECPublicKeySpec(new ECPoint(x(), y()), curve.jcaParameterSpec()),
        "an EC public key");
  }
}
