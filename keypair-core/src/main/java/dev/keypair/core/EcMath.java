package dev.keypair.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Field;
import org.bouncycastle.math.ec.custom.sec.SecP521R1Field;

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

  private static final VarHandle BIG_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private EcMath() {}

  /**
   * {@code k * G} as affine {x, y}, for {@code 0 < k < n} (the callers check it first).
   */
  static BigInteger[] multiplyGenerator(EcCurve curve, BigInteger k) {
    X9ECParameters params = Field.of(curve).params;
    ECPoint q = new FixedPointCombMultiplier().multiply(params.getG(), k).normalize();
    return new BigInteger[] {q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()};
  }

  /**
   * Checks the coordinates of an uncompressed point {@code 04 || X || Y} (its form and length already checked):
   * -1 when a coordinate is not below the field prime p, 0 when the point is off the curve, 1 when
   * {@code y^2 = x^3 + ax + b (mod p)}. The coordinates are read straight from the bytes into the custom
   * curves' fixed-width field arithmetic ({@code SecP256R1Field} and its siblings), whose results are kept fully
   * reduced, so equal residues are equal words. Measured about twice as fast as building BigIntegers and
   * field elements from them (the check before; the BigInteger form is the tests' oracle, {@code EcMathOracle}).
   * The point is public: nothing here needs constant time.
   */
  static int checkCoordinates(EcCurve curve, byte[] point) {
    Field f = Field.of(curve);
    int n = curve.coordinateLength();
    int[] x = f.words(point, 1, n);
    int[] y = f.words(point, 1 + n, n);
    if (!f.belowP(x) || !f.belowP(y)) {
      return -1;
    }
    int[] rhs = f.create();
    f.square(x, rhs);
    f.add(rhs, f.a, rhs);
    f.multiply(rhs, x, rhs);
    f.add(rhs, f.b, rhs);
    int[] lhs = f.create();
    f.square(y, lhs);
    return Arrays.equals(lhs, rhs) ? 1 : 0;
  }

  /**
   * One curve: its BouncyCastle parameters, and its field: the number of words, p, a and b as words (least
   * significant first), and its operations.
   */
  private abstract static class Field {
    private static final Field P256 = new Field(8, "secp256r1") {
      @Override void square(int[] x, int[] z) { SecP256R1Field.square(x, z); }
      @Override void multiply(int[] x, int[] y, int[] z) { SecP256R1Field.multiply(x, y, z); }
      @Override void add(int[] x, int[] y, int[] z) { SecP256R1Field.add(x, y, z); }
    };
    private static final Field P384 = new Field(12, "secp384r1") {
      @Override void square(int[] x, int[] z) { SecP384R1Field.square(x, z); }
      @Override void multiply(int[] x, int[] y, int[] z) { SecP384R1Field.multiply(x, y, z); }
      @Override void add(int[] x, int[] y, int[] z) { SecP384R1Field.add(x, y, z); }
    };
    private static final Field P521 = new Field(17, "secp521r1") {
      @Override void square(int[] x, int[] z) { SecP521R1Field.square(x, z); }
      @Override void multiply(int[] x, int[] y, int[] z) { SecP521R1Field.multiply(x, y, z); }
      @Override void add(int[] x, int[] y, int[] z) { SecP521R1Field.add(x, y, z); }
    };

    /** The curve's parameters, made once: the comb table hangs on their generator. */
    final X9ECParameters params;
    final int size;
    final int[] p;
    final int[] a;
    final int[] b;

    Field(int size, String name) {
      this.params = CustomNamedCurves.getByName(name);
      this.size = size;
      ECCurve c = params.getCurve();
      this.p = toWords(c.getField().getCharacteristic());
      this.a = toWords(c.getA().toBigInteger());
      this.b = toWords(c.getB().toBigInteger());
    }

    static Field of(EcCurve curve) {
      switch (curve) {
        case NISTP256:
          return P256;
        case NISTP384:
          return P384;
        case NISTP521:
          return P521;
        default:
          throw new IllegalArgumentException("no BouncyCastle curve for " + curve);
      }
    }

    abstract void square(int[] x, int[] z);

    abstract void multiply(int[] x, int[] y, int[] z);

    abstract void add(int[] x, int[] y, int[] z);

    int[] create() {
      return new int[size];
    }

    private int[] toWords(BigInteger v) {
      byte[] be = v.toByteArray();
      int skip = be.length > 4 * size ? be.length - 4 * size : 0; // a sign byte
      return words(be, skip, be.length - skip);
    }

    /**
     * The big-endian bytes {@code be[off, off + len)} as this field's words, least significant first (at most
     * {@code 4 * size} bytes, or the leading bytes beyond are zero).
     */
    int[] words(byte[] be, int off, int len) {
      int[] w = create();
      int i = off + len;
      int k = 0;
      for (; i - off >= 4 && k < size; i -= 4) {
        w[k++] = (int) BIG_ENDIAN_INT.get(be, i - 4);
      }
      for (int bit = 0; i > off && k < size; bit += 8) {
        w[k] |= (be[--i] & 0xff) << bit;
      }
      return w;
    }

    /** Whether the words are below p, compared from the top word down. */
    boolean belowP(int[] w) {
      for (int i = size - 1; i >= 0; i--) {
        if (w[i] != p[i]) {
          return Integer.compareUnsigned(w[i], p[i]) < 0;
        }
      }
      return false;
    }
  }
}
