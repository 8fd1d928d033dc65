package dev.keypair.core;

import dev.keypair.core.internal.Wipe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * {@code x mod m} for the RSA private key's checks, by Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on
 * 64-bit words: the JDK's remainder works on 32-bit words with a multiply-subtract the JIT does not
 * turn into wide multiplications, and was most of the time a private key took to read. The words
 * that held {@code x} and {@code m} (a private exponent, a prime, a product holding one) are wiped.
 */
final class WordRemainder {

  private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.BIG_ENDIAN);

  private WordRemainder() {}

  /** {@code x mod m}, for {@code x >= 0} and {@code m > 0}; the same value as {@link BigInteger#mod}. */
  static BigInteger mod(BigInteger x, BigInteger m) {
    check(x, m);
    byte[] be = x.toByteArray();
    try {
      return mod(x, be, m);
    } finally {
      Wipe.wipe("rsa-remainder", be);
    }
  }

  /**
   * {@code x mod m} where {@code xBytes} is {@code x.toByteArray()}, for a caller that takes several
   * remainders of one number (the private exponent) and converts it once; {@code xBytes} is the caller's
   * to wipe.
   */
  static BigInteger mod(BigInteger x, byte[] xBytes, BigInteger m) {
    check(x, m);
    int n = (m.bitLength() + 63) >>> 6;
    if (n < 2 || x.compareTo(m) < 0) {
      return n < 2 ? x.mod(m) : x;
    }
    long[] r = remainder(xBytes, x.bitLength(), m, n);
    try {
      return fromWords(r);
    } finally {
      Wipe.wipe("rsa-remainder", r);
    }
  }

  /**
   * Whether {@code x mod m} is 1, for {@code x >= 0} and {@code m > 0}: what
   * {@code mod(x, m).equals(BigInteger.ONE)} answers, without making the remainder a {@link BigInteger}.
   */
  static boolean isOne(BigInteger x, BigInteger m) {
    check(x, m);
    int n = (m.bitLength() + 63) >>> 6;
    if (n < 2 || x.compareTo(m) < 0) {
      return (n < 2 ? x.mod(m) : x).equals(BigInteger.ONE);
    }
    byte[] be = x.toByteArray();
    long[] r = null;
    try {
      r = remainder(be, x.bitLength(), m, n);
      long rest = r[0] ^ 1L;
      for (int k = 1; k < n; k++) {
        rest |= r[k];
      }
      return rest == 0;
    } finally {
      Wipe.wipe("rsa-remainder", be);
      if (r != null) {
        Wipe.wipe("rsa-remainder", r);
      }
    }
  }

  /**
   * Whether {@code 0 < x < m} and {@code e * x = 1 mod m}, for {@code 1 < e < 2^31}, and {@code x} and {@code m > 1}
   * given as the big-endian two's complement bytes of non-negative numbers (a DER INTEGER's content, a
   * {@link BigInteger#toByteArray()}), without making {@code x} a {@link BigInteger}: the quotient of
   * {@code e * x - 1} by {@code m} is then below {@code e}, so one estimate from the numbers' top bits and at most
   * a correction or two give the remainder.
   */
  static boolean isInverse(int e, byte[] x, byte[] m) {
    if (e <= 1 || significant(x) > significant(m)) {
      return false; // x >= m (a longer x is larger)
    }
    int count = (m.length + 7) / 8 + 1; // room for e * x < 2^31 * m
    long[] mw = words(m, count, 0);
    long[] t = words(x, count, 0);
    try {
      if (isZero(t) || compare(t, mw) >= 0) {
        return false;
      }
      long carry = 0;
      for (int i = 0; i < count; i++) { // t = e * x
        long lo = t[i] * e;
        long hi = unsignedMultiplyHigh(t[i], e);
        lo += carry;
        t[i] = lo;
        carry = hi + (Long.compareUnsigned(lo, carry) < 0 ? 1 : 0);
      }
      int low = 0; // t = e * x - 1, which is positive
      while (t[low] == 0) {
        t[low++] = -1L;
      }
      t[low]--;
      int base = topWord(mw);
      long k = (long) (scaled(t, base) / scaled(mw, base)); // floor(t / m), give or take one
      // t -= k * m (m's top word is 0: it fits the words below)
      multiplySubtract(t, 0, mw, count - 1, k);
      while (t[count - 1] < 0) { // the estimate was too large: |t| is below 2m, far from the top bit
        addBack(t, 0, mw, count - 1);
      }
      while (compare(t, mw) >= 0) {
        subtract(t, mw);
      }
      return isZero(t);
    } finally {
      Wipe.wipe("rsa-remainder", t);
      Wipe.wipe("rsa-remainder", mw);
    }
  }

  /** The number of bytes of {@code be} after its leading zeros. */
  private static int significant(byte[] be) {
    int i = 0;
    while (i < be.length && be[i] == 0) {
      i++;
    }
    return be.length - i;
  }

  private static boolean isZero(long[] w) {
    long or = 0;
    for (long v : w) {
      or |= v;
    }
    return or == 0;
  }

  /** Compares two non-negative numbers of as many little-endian words. */
  private static int compare(long[] a, long[] b) {
    for (int i = a.length - 1; i >= 0; i--) {
      if (a[i] != b[i]) {
        return Long.compareUnsigned(a[i], b[i]);
      }
    }
    return 0;
  }

  private static void subtract(long[] a, long[] b) {
    long borrow = 0;
    for (int i = 0; i < a.length; i++) {
      long d = a[i] - b[i];
      long c = Long.compareUnsigned(a[i], b[i]) < 0 ? 1 : 0;
      long d2 = d - borrow;
      c += Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
      a[i] = d2;
      borrow = c;
    }
  }

  /** The index of the highest non-zero word of {@code w}, or 0. */
  private static int topWord(long[] w) {
    int top = w.length - 1;
    while (top > 0 && w[top] == 0) {
      top--;
    }
    return top;
  }

  /**
   * A non-negative number of little-endian words, from its top two words, as a double times
   * {@code 2^(-64 * base)}: numbers of a few thousand bits would overflow a double unscaled.
   */
  private static double scaled(long[] w, int base) {
    int top = topWord(w);
    double v = unsignedToDouble(w[top]) * 0x1p64 + (top > 0 ? unsignedToDouble(w[top - 1]) : 0);
    return Math.scalb(v, 64 * (top - 1 - base));
  }

  private static double unsignedToDouble(long v) {
    return (double) (v >>> 1) * 2.0 + (v & 1);
  }

  private static void check(BigInteger x, BigInteger m) {
    if (x.signum() < 0 || m.signum() <= 0) {
      throw new IllegalArgumentException("WordRemainder takes x >= 0 and m > 0");
    }
  }

  /**
   * The {@code n} little-endian words of {@code x mod m}, for {@code x >= m} given as its big-endian
   * two's complement {@code xBytes} of {@code xBits} bits, and {@code m} of {@code n >= 2} words.
   */
  private static long[] remainder(byte[] xBytes, int xBits, BigInteger m, int n) {
    int shift = (64 - m.bitLength() % 64) % 64; // so that the top word of m has its top bit set
    long[] v = words(m, n, shift);
    long[] u = words(xBytes, ((xBits + 63) >>> 6) + 1, shift);
    try {
      long vTop = v[n - 1];
      long vNext = v[n - 2];
      long reciprocal = reciprocal(vTop);
      for (int j = u.length - n - 1; j >= 0; j--) {
        long qhat;
        long rhat;
        boolean rhatOverflow = false;
        long u2 = u[j + n];
        long u1 = u[j + n - 1];
        if (u2 == vTop) { // the quotient word would be B or more: B - 1, as Knuth's step D3 says
          qhat = -1L;
          rhat = u1 + vTop;
          rhatOverflow = Long.compareUnsigned(rhat, u1) < 0;
        } else {
          qhat = divide128(u2, u1, vTop, reciprocal);
          rhat = u1 - qhat * vTop; // the remainder is below vTop, so its low word is all of it
        }
        while (!rhatOverflow) { // D3: at most two corrections with the next word of m
          long hi = Math.multiplyHigh(qhat, vNext) + ((qhat >> 63) & vNext) + ((vNext >> 63) & qhat);
          long lo = qhat * vNext;
          long u0 = u[j + n - 2];
          int c = Long.compareUnsigned(hi, rhat);
          if (c < 0 || (c == 0 && Long.compareUnsigned(lo, u0) <= 0)) {
            break;
          }
          qhat--;
          long r = rhat + vTop;
          rhatOverflow = Long.compareUnsigned(r, rhat) < 0;
          rhat = r;
        }
        if (multiplySubtract(u, j, v, n, qhat)) { // D6: the estimate was one too large
          addBack(u, j, v, n);
        }
      }
      long[] r = new long[n];
      for (int k = 0; k < n; k++) {
        r[k] = shift == 0 ? u[k] : (u[k] >>> shift) | (k + 1 < u.length ? u[k + 1] << (64 - shift) : 0);
      }
      return r;
    } finally {
      Wipe.wipe("rsa-remainder", u);
      Wipe.wipe("rsa-remainder", v);
    }
  }

  /**
   * Subtracts {@code qhat * v} from {@code u[j..j+n]}; true if that went below zero. Each word's borrow
   * joins the carry of the product into the next word: a word's product plus the carry in is at most
   * {@code (2^64 - 1) * 2^64}, and when its high word is {@code 2^64 - 1} its low word is 0 and borrows
   * nothing, so the sum never overflows.
   */
  private static boolean multiplySubtract(long[] u, int j, long[] v, int n, long qhat) {
    long carry = 0;
    for (int i = 0; i < n; i++) {
      long vi = v[i];
      long lo = qhat * vi + carry;
      long hi = Math.multiplyHigh(qhat, vi) + ((qhat >> 63) & vi) + ((vi >> 63) & qhat)
          + (Long.compareUnsigned(lo, carry) < 0 ? 1 : 0);
      long a = u[i + j];
      u[i + j] = a - lo;
      carry = hi + (Long.compareUnsigned(a, lo) < 0 ? 1 : 0);
    }
    long a = u[j + n];
    u[j + n] = a - carry;
    return Long.compareUnsigned(a, carry) < 0;
  }

  private static void addBack(long[] u, int j, long[] v, int n) {
    long carry = 0;
    for (int i = 0; i < n; i++) {
      long a = u[i + j];
      long s = a + v[i];
      long c1 = Long.compareUnsigned(s, a) < 0 ? 1 : 0;
      long s2 = s + carry;
      long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
      u[i + j] = s2;
      carry = c1 + c2;
    }
    u[j + n] += carry;
  }

  /**
   * The reciprocal of a word {@code d} with its top bit set: {@code floor((2^128 - 1) / d) - 2^64}, for
   * {@link #divide128} (Möller and Granlund, "Improved division by invariant integers", IEEE Trans.
   * Computers 60(2), 2011, section 3). Computed once per divisor word, by Hacker's Delight's divlu on
   * 32-bit halves: {@code (2^128 - 1) - 2^64 d} is {@code (~d) * 2^64 + (2^64 - 1)}, whose high word is
   * below {@code d}.
   */
  private static long reciprocal(long d) {
    final long b = 1L << 32;
    long u1 = ~d;
    long u0 = -1L;
    long vn1 = d >>> 32;
    long vn0 = d & 0xffffffffL;
    long un1 = u0 >>> 32;
    long un0 = u0 & 0xffffffffL;
    long q1 = Long.divideUnsigned(u1, vn1);
    long rhat = u1 - q1 * vn1;
    while (Long.compareUnsigned(q1, b) >= 0 || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0) {
      q1--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, b) >= 0) {
        break;
      }
    }
    long un21 = ((u1 << 32) | un1) - q1 * d;
    long q0 = Long.divideUnsigned(un21, vn1);
    rhat = un21 - q0 * vn1;
    while (Long.compareUnsigned(q0, b) >= 0 || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0) {
      q0--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, b) >= 0) {
        break;
      }
    }
    return (q1 << 32) | q0;
  }

  /**
   * {@code (u1 * 2^64 + u0) / d}, for {@code u1 < d} and {@code d} with its top bit set, from
   * {@code d}'s {@link #reciprocal}: two multiplications and at most two corrections instead of two
   * hardware divisions (Möller and Granlund, algorithm 4).
   */
  private static long divide128(long u1, long u0, long d, long reciprocal) {
    long pl = reciprocal * u1;
    long ph = unsignedMultiplyHigh(reciprocal, u1);
    long q0 = pl + u0;
    long q1 = ph + u1 + (Long.compareUnsigned(q0, pl) < 0 ? 1 : 0) + 1;
    long r = u0 - q1 * d;
    if (Long.compareUnsigned(r, q0) > 0) {
      q1--;
      r += d;
    }
    if (Long.compareUnsigned(r, d) >= 0) {
      q1++;
    }
    return q1;
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** The little-endian 64-bit words of {@code x} shifted left by {@code shift} bits, in {@code count} words. */
  private static long[] words(BigInteger x, int count, int shift) {
    byte[] be = x.toByteArray();
    try {
      return words(be, count, shift);
    } finally {
      Wipe.wipe("rsa-remainder", be);
    }
  }

  /** The same from the big-endian two's complement {@code be} of a non-negative number. */
  private static long[] words(byte[] be, int count, int shift) {
    long[] w = new long[count];
    int k = 0;
    for (int end = be.length; end > 0 && k < count; end -= 8, k++) {
      if (end >= 8) {
        w[k] = (long) BIG_ENDIAN_LONG.get(be, end - 8);
      } else {
        for (int i = 0; i < end; i++) {
          w[k] = w[k] << 8 | (be[i] & 0xffL);
        }
      }
    }
    if (shift != 0) {
      for (int k2 = count - 1; k2 >= 0; k2--) {
        w[k2] = (w[k2] << shift) | (k2 > 0 ? w[k2 - 1] >>> (64 - shift) : 0);
      }
    }
    return w;
  }

  private static BigInteger fromWords(long[] w) {
    byte[] be = new byte[8 * w.length];
    try {
      for (int k = 0; k < w.length; k++) {
        BIG_ENDIAN_LONG.set(be, be.length - 8 * (k + 1), w[k]);
      }
      return new BigInteger(1, be);
    } finally {
      Wipe.wipe("rsa-remainder", be);
    }
  }
}
