package dev.keypair.core;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Optional;

/**
 * The NIST prime curves SSH uses (RFC 5656 section 10.1), with what keypair needs to validate a
 * point: a point is accepted only if it is uncompressed, its coordinates are below the field prime,
 * and it satisfies the curve equation {@code y^2 = x^3 + ax + b (mod p)}. The curves have cofactor 1,
 * so every such point is in the prime-order group. Only named curves are supported; explicit and
 * binary-field parameters are refused by the decoders.
 */
public enum EcCurve {
  NISTP256("nistp256", "secp256r1", "1.2.840.10045.3.1.7", 256,
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
  NISTP384("nistp384", "secp384r1", "1.3.132.0.34", 384,
      "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"),
  NISTP521("nistp521", "secp521r1", "1.3.132.0.35", 521,
      ""); // 2^521 - 1, computed below

  private final String sshName;
  private final String standardName;
  private final String oid;
  private final int bits;
  private final BigInteger p;
  private volatile ECParameterSpec jcaSpec;

  EcCurve(String sshName, String standardName, String oid, int bits, String pHex) {
    this.sshName = sshName;
    this.standardName = standardName;
    this.oid = oid;
    this.bits = bits;
    this.p = pHex.isEmpty() ? BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE) : new BigInteger(pHex, 16);
  }

  /** The identifier inside SSH keys: {@code nistp256}. */
  public String sshName() {
    return sshName;
  }

  /** The SEC 2 name the JDK uses: {@code secp256r1}. */
  public String standardName() {
    return standardName;
  }

  /** The named-curve OID in DER encodings, dotted. */
  public String oid() {
    return oid;
  }

  /** Field size in bits: 256, 384 or 521. */
  public int bits() {
    return bits;
  }

  /** Bytes of one coordinate: 32, 48 or 66. */
  public int coordinateLength() {
    return (bits + 7) / 8;
  }

  /** Bytes of an uncompressed point: {@code 1 + 2 * coordinateLength()}. */
  public int uncompressedPointLength() {
    return 1 + 2 * coordinateLength();
  }

  /** The field prime {@code p}. */
  BigInteger fieldPrime() {
    return p;
  }

  /** The order {@code n} of the generator. */
  public BigInteger order() {
    return jcaParameterSpec().getOrder();
  }

  /** The plain ECDSA key type on this curve. */
  public KeyType keyType() {
    return switch (this) {
      case NISTP256 -> KeyType.ECDSA_NISTP256;
      case NISTP384 -> KeyType.ECDSA_NISTP384;
      case NISTP521 -> KeyType.ECDSA_NISTP521;
    };
  }

  public static Optional<EcCurve> fromSshName(String name) {
    for (EcCurve c : values()) {
      if (c.sshName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public static Optional<EcCurve> fromOid(String oid) {
    for (EcCurve c : values()) {
      if (c.oid.equals(oid)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The curve whose field prime is {@code fieldPrime}, for JCA keys. */
  static Optional<EcCurve> fromFieldPrime(BigInteger fieldPrime) {
    for (EcCurve c : values()) {
      if (c.p.equals(fieldPrime)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Checks an uncompressed SEC 1 point ({@code 04 || X || Y}).
   *
   * @throws KeyPairException {@link ErrorCode#INVALID_VALUE} for infinity, compressed or hybrid
   *     encodings, a wrong length, a coordinate not below p, or a point off the curve
   */
  void checkPoint(byte[] point) {
    if (point.length == 0 || (point.length == 1 && point[0] == 0)) {
      throw invalid("is the point at infinity");
    }
    int form = point[0] & 0xff;
    if (form == 2 || form == 3) {
      throw invalid("is compressed; only uncompressed points (04 || X || Y) are accepted");
    }
    if (form != 4) {
      throw invalid("has an unknown encoding form 0x" + Integer.toHexString(form));
    }
    int n = coordinateLength();
    if (point.length != 1 + 2 * n) {
      throw invalid("is " + point.length + " bytes, not " + (1 + 2 * n));
    }
    int check = EcMath.checkCoordinates(this, point);
    if (check < 0) {
      throw invalid("has a coordinate not below the field prime");
    }
    if (check == 0) {
      throw invalid("is not on the curve");
    }
  }

  private KeyPairException invalid(String what) {
    return new KeyPairException(ErrorCode.INVALID_VALUE, "ECDSA " + sshName + " public point " + what);
  }

  /** The JDK's parameters for this curve. */
  public ECParameterSpec jcaParameterSpec() {
    ECParameterSpec spec = jcaSpec;
    if (spec == null) {
      try {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(standardName));
        spec = params.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new KeyPairException(ErrorCode.INTERNAL, "the JDK has no parameters for " + standardName, e);
      }
      jcaSpec = spec;
    }
    return spec;
  }
}
