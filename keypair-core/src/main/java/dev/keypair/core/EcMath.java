package dev.keypair.core;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Scalar multiplication of the generator on the NIST prime curves, for deriving and checking the public
 * point of an ECDSA private key: the JDK has no public API for it.
 *
 * <p>BouncyCastle's fixed-point comb ({@code FixedPointCombMultiplier}) on its custom curve arithmetic
 * ({@code CustomNamedCurves}: {@code SecP256R1Curve} and its siblings), whose comb table for each
 * generator is computed once per JVM and kept on it. Chosen by measurement (P-256, a timing loop on a
 * loaded 2-core machine, so only the proportions count): this about 90 microseconds; the BigInteger
 * double-and-add in Jacobian coordinates that keypair had before (kept as the tests' oracle) about 1.4
 * ms; the JDK's ECDH of {@code d} with {@code G}, the only route to it in the JDK's API, about
 * 1.4 ms too, and it gives only {@code x(dG)}, so a second one would be needed to tell {@code Q} from
 * {@code -Q}. No BouncyCastle type leaves this class.
 */
final class EcMath {

  private EcMath() {}

  /**
   * {@code k * G} as affine {x, y}, for {@code 0 < k < n} (the callers check it first).
   */
  static BigInteger[] multiplyGenerator(EcCurve curve, BigInteger k) {
    X9ECParameters params = Generators.of(curve);
    ECPoint q = new FixedPointCombMultiplier().multiply(params.getG(), k).normalize();
    return new BigInteger[] {q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()};
  }

  /**
   * Whether {@code y^2 = x^3 + ax + b (mod p)}, for coordinates in {@code [0, p)} (the caller checks
   * them first): in the custom curves' fixed-width field arithmetic, whose elements are kept fully
   * reduced, so equal residues are equal elements. Measured several times faster than BigInteger
   * products and a division by p (the former check, kept as the tests' oracle).
   */
  static boolean onCurve(EcCurve curve, BigInteger x, BigInteger y) {
    ECCurve c = Generators.of(curve).getCurve();
    ECFieldElement fx = c.fromBigInteger(x);
    ECFieldElement rhs = fx.square().add(c.getA()).multiply(fx).add(c.getB());
    return c.fromBigInteger(y).square().equals(rhs);
  }

  /** The curves' parameters, each made once: the comb table hangs on its generator. */
  private static final class Generators {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final X9ECParameters P384 = CustomNamedCurves.getByName("secp384r1");
    private static final X9ECParameters P521 = CustomNamedCurves.getByName("secp521r1");

    static X9ECParameters of(EcCurve curve) {
      switch (curve) {
        case NISTP256:
          return P256;
        case NISTP384:
          return P384;
        case NISTP521:
          return P521;
        default:
          throw new IllegalArgumentException("no generator for " + curve);
      }
    }
  }
}
