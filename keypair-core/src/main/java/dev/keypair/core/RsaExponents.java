package dev.keypair.core;

import dev.keypair.core.internal.Wipe;
import java.math.BigInteger;

/**
 * The RSA private key's check {@code e * d = 1 mod lcm(p - 1, q - 1)}, for a key already known to have
 * {@code p * q = n} and {@code 0 < d < n}.
 *
 * <p>{@link #exact} reduces {@code d} modulo {@code p - 1} and {@code q - 1} (two divisions of a
 * 2048-bit number by a 1024-bit one, most of what reading a 2048-bit private key cost).
 * {@link #provesInverse} proves the same fact with one division whose quotient is a word, for the keys
 * every tool writes ({@code d} the inverse of a small {@code e} modulo {@code (p - 1)(q - 1)} or modulo
 * their lcm). With {@code phi = (p - 1)(q - 1) = n - p - q + 1} and {@code D = e * d - 1}: {@code D} is
 * a multiple of {@code p - 1} and of {@code q - 1} (that is, of their lcm) if some {@code g} divides both
 * and {@code g * D} is a multiple of {@code phi}: then {@code D = (g * D / phi) * (p - 1) * ((q - 1) / g)},
 * and the same with the primes swapped. Conversely, if the lcm divides {@code D}, then
 * {@code g = gcd(p - 1, q - 1)} works, as {@code lcm * gcd = phi}. The {@code g} sought makes
 * {@code g * (D mod phi)} a multiple of {@code phi}: the denominator of the fraction
 * {@code (D mod phi) / phi}, found from the continued fraction of its floating-point value and then
 * checked exactly; 1 when {@code phi} divides {@code D}. A {@code g} not found, or not dividing both,
 * proves nothing: the caller asks {@link #exact}.
 *
 * <p>Once {@code e * d = 1 mod (p - 1)} is known, {@code e} is invertible modulo {@code p - 1} and
 * {@code d mod (p - 1)} is its one inverse in {@code [0, p - 1)}: a CRT exponent read from a file is
 * checked by {@link WordRemainder#isInverse}, a multiplication by {@code e} and a division with a one-word
 * quotient, instead of being computed.
 */
final class RsaExponents {

  /**
   * The largest denominator looked for: far above {@code gcd(p - 1, q - 1)} of nearly every generated key,
   * and small enough that the double's error, times its square, stays far below 1.
   */
  private static final long MAX_DENOMINATOR = 1L << 16;
  /** How near to {@code r / phi} a convergent must be for an exact check. */
  private static final double NEAR = 0x1p-40;

  private RsaExponents() {}

  /**
   * Whether the steps of the class comment prove {@code e * d = 1 mod lcm(p - 1, q - 1)}, for
   * {@code p * q = n}, {@code p, q > 1}, {@code 0 < d < n}, {@code e > 0}; false if they cannot (the key
   * may still be valid): an {@code e} over 31 bits, a prime under 64 bits, a {@code gcd(p - 1, q - 1)}
   * too large to find.
   */
  static boolean provesInverse(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
    if (e.bitLength() > 31 || p.bitLength() < 64 || q.bitLength() < 64) {
      return false;
    }
    BigInteger phi = n.subtract(p).subtract(q).add(BigInteger.ONE);
    BigInteger r = e.multiply(d).subtract(BigInteger.ONE).mod(phi);
    if (r.signum() == 0) {
      return true;
    }
    long g = denominator(r, phi);
    return g != 0 && divides(g, p.subtract(BigInteger.ONE)) && divides(g, q.subtract(BigInteger.ONE));
  }

  /**
   * A {@code g} up to {@link #MAX_DENOMINATOR} with {@code g * r} a multiple of {@code phi}, for
   * {@code 0 < r < phi}, or 0 if none was found: the convergents of the continued fraction of
   * {@code r / phi} as a double (good to about 2^-51, so every fraction with a denominator up to
   * 2^16 near it is among them); one near enough is checked exactly.
   */
  private static long denominator(BigInteger r, BigInteger phi) {
    int shift = Math.max(0, phi.bitLength() - 62);
    double x = r.shiftRight(shift).doubleValue() / phi.shiftRight(shift).doubleValue();
    long h0 = 0;
    long h1 = 1;
    long k0 = 1;
    long k1 = 0;
    double y = x;
    for (int step = 0; step < 64; step++) {
      double a = Math.floor(y);
      if (a > MAX_DENOMINATOR) {
        return 0;
      }
      long h2 = (long) a * h1 + h0;
      long k2 = (long) a * k1 + k0;
      if (k2 > MAX_DENOMINATOR) {
        return 0;
      }
      if (Math.abs(x - (double) h2 / k2) < NEAR) {
        return r.multiply(BigInteger.valueOf(k2)).equals(phi.multiply(BigInteger.valueOf(h2))) ? k2 : 0;
      }
      double rest = y - a;
      if (rest <= 0) {
        return 0;
      }
      y = 1 / rest;
      h0 = h1;
      h1 = h2;
      k0 = k1;
      k1 = k2;
    }
    return 0;
  }

  /** Whether {@code g > 0} divides {@code x}; a power of two (the usual {@code g}) by the low bits. */
  private static boolean divides(long g, BigInteger x) {
    if (Long.bitCount(g) == 1) {
      return x.signum() == 0 || x.getLowestSetBit() >= Long.numberOfTrailingZeros(g);
    }
    return x.mod(BigInteger.valueOf(g)).signum() == 0;
  }

  /**
   * {@code {dP, dQ}} if {@code e * d = 1 mod lcm(p - 1, q - 1)}, else null, by reducing {@code d}
   * modulo {@code p - 1} and {@code q - 1}: {@code e * d - 1} is a multiple of the lcm exactly when
   * {@code e * dP - 1} is a multiple of {@code p - 1} and {@code e * dQ - 1} of {@code q - 1}; and
   * {@code x = 1 mod m} needs {@code m > 1}, which for the lcm means not both primes are 2.
   */
  static BigInteger[] exact(BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
    BigInteger pm1 = p.subtract(BigInteger.ONE);
    BigInteger qm1 = q.subtract(BigInteger.ONE);
    BigInteger dP;
    BigInteger dQ;
    byte[] dBytes = d.toByteArray(); // converted once for both remainders
    try {
      dP = WordRemainder.mod(d, dBytes, pm1);
      dQ = WordRemainder.mod(d, dBytes, qm1);
    } finally {
      Wipe.wipe("rsa-remainder", dBytes);
    }
    if (pm1.equals(BigInteger.ONE) && qm1.equals(BigInteger.ONE)) {
      return null;
    }
    boolean inverts = e.multiply(dP).subtract(BigInteger.ONE).mod(pm1).signum() == 0
        && e.multiply(dQ).subtract(BigInteger.ONE).mod(qm1).signum() == 0;
    return inverts ? new BigInteger[] {dP, dQ} : null;
  }
}
