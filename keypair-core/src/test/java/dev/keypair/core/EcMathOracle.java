package dev.keypair.core;

import java.math.BigInteger;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The oracle for {@link EcMath}: keypair's former scalar multiplication on the NIST prime curves
 * (a = -3), a plain double-and-add on {@link BigInteger}s in Jacobian coordinates, slow (about 1.4 ms
 * for P-256) but written straight from the formulas, kept here so that the fast one is compared with it.
 */
final class EcMathOracle {

  private static final BigInteger THREE = BigInteger.valueOf(3);

  private EcMathOracle() {}

  /**
   * keypair's former on-curve check: whether {@code y^2 - ((x^2 - 3) x + b)} is 0 mod p, on BigIntegers
   * with b from the JDK's parameters.
   */
  static boolean onCurve(EcCurve curve, BigInteger x, BigInteger y) {
    BigInteger b = curve.jcaParameterSpec().getCurve().getB();
    BigInteger rhs = x.multiply(x).subtract(THREE).multiply(x).add(b);
    return y.multiply(y).subtract(rhs).mod(curve.fieldPrime()).signum() == 0;
  }

  /** {@code k * G} as affine {x, y}, or null for the point at infinity. */
  static BigInteger[] multiplyGenerator(EcCurve curve, BigInteger k) {
    ECParameterSpec spec = curve.jcaParameterSpec();
    ECPoint g = spec.getGenerator();
    BigInteger p = curve.fieldPrime();
    BigInteger[] r = null; // infinity
    BigInteger[] base = {g.getAffineX(), g.getAffineY(), BigInteger.ONE};
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      r = r == null ? null : twice(r, p);
      if (k.testBit(i)) {
        r = r == null ? base.clone() : add(r, base, p);
      }
    }
    if (r == null || r[2].signum() == 0) {
      return null;
    }
    BigInteger zInv = r[2].modInverse(p);
    BigInteger zInv2 = zInv.multiply(zInv).mod(p);
    return new BigInteger[] {r[0].multiply(zInv2).mod(p), r[1].multiply(zInv2).multiply(zInv).mod(p)};
  }

  /** Doubling, dbl-2001-b. */
  private static BigInteger[] twice(BigInteger[] a, BigInteger p) {
    if (a[1].signum() == 0 || a[2].signum() == 0) {
      return new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
    }
    BigInteger delta = a[2].multiply(a[2]).mod(p);
    BigInteger gamma = a[1].multiply(a[1]).mod(p);
    BigInteger beta = a[0].multiply(gamma).mod(p);
    BigInteger alpha = THREE.multiply(a[0].subtract(delta)).multiply(a[0].add(delta)).mod(p);
    BigInteger x3 = alpha.multiply(alpha).subtract(beta.shiftLeft(3)).mod(p);
    BigInteger z3 = a[1].add(a[2]).pow(2).subtract(gamma).subtract(delta).mod(p);
    BigInteger y3 = alpha.multiply(beta.shiftLeft(2).subtract(x3)).subtract(gamma.multiply(gamma).shiftLeft(3)).mod(p);
    return new BigInteger[] {x3, y3, z3};
  }

  /** Addition, add-1998-cmo-2. */
  private static BigInteger[] add(BigInteger[] a, BigInteger[] b, BigInteger p) {
    if (a[2].signum() == 0) {
      return b;
    }
    if (b[2].signum() == 0) {
      return a;
    }
    BigInteger z1z1 = a[2].multiply(a[2]).mod(p);
    BigInteger z2z2 = b[2].multiply(b[2]).mod(p);
    BigInteger u1 = a[0].multiply(z2z2).mod(p);
    BigInteger u2 = b[0].multiply(z1z1).mod(p);
    BigInteger s1 = a[1].multiply(b[2]).multiply(z2z2).mod(p);
    BigInteger s2 = b[1].multiply(a[2]).multiply(z1z1).mod(p);
    BigInteger h = u2.subtract(u1).mod(p);
    BigInteger r = s2.subtract(s1).mod(p);
    if (h.signum() == 0) {
      return r.signum() == 0 ? twice(a, p) : new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
    }
    BigInteger hh = h.multiply(h).mod(p);
    BigInteger hhh = h.multiply(hh).mod(p);
    BigInteger v = u1.multiply(hh).mod(p);
    BigInteger x3 = r.multiply(r).subtract(hhh).subtract(v.shiftLeft(1)).mod(p);
    BigInteger y3 = r.multiply(v.subtract(x3)).subtract(s1.multiply(hhh)).mod(p);
    BigInteger z3 = a[2].multiply(b[2]).multiply(h).mod(p);
    return new BigInteger[] {x3, y3, z3};
  }
}
