package dev.keypair.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Trial division of an RSA modulus by the odd primes below 256, without dividing the big number.
 *
 * <p>The primes are grouped so that each group's product {@code m} is below 2<sup>22</sup>. The
 * modulus, as 32-bit words {@code w[i]}, is congruent mod {@code m} to {@code sum w[i] * (2^(32 i) mod m)};
 * each term is below 2<sup>54</sup>, so a sum of {@value #CHUNK} words fits a long and is reduced once
 * (longer moduli are summed chunk by chunk, Horner-style). A prime of the group divides the modulus
 * exactly when it divides that residue, which is tested with the prime's inverse mod 2<sup>32</sup>
 * (a multiplication instead of a division). Exactly the answers of {@code n mod p == 0} for each prime.
 */
final class SmallPrimes {

  /** Words summed before one reduction: 512 * 2^54 < 2^63. */
  private static final int CHUNK = 512;
  private static final int GROUP_LIMIT = 1 << 22;

  /** Each group's primes. */
  private static final int[][] PRIMES;
  /** Each group's product. */
  private static final long[] PRODUCT;
  /** {@code POW[g][i] = 2^(32 i) mod PRODUCT[g]} for {@code i < CHUNK}. */
  private static final long[][] POW;
  /** {@code 2^(32 CHUNK) mod PRODUCT[g]}. */
  private static final long[] POW_CHUNK;
  /** For each prime: its inverse mod 2^32, and the largest multiple's quotient {@code (2^32 - 1) / p}. */
  private static final int[][] INVERSE;
  private static final int[][] QUOTIENT_LIMIT;

  static {
    List<List<Integer>> groups = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    long product = 1;
    for (int p = 3; p < 256; p += 2) {
      if (!BigInteger.valueOf(p).isProbablePrime(30)) {
        continue;
      }
      if (product * p >= GROUP_LIMIT) {
        groups.add(group);
        group = new ArrayList<>();
        product = 1;
      }
      group.add(p);
      product *= p;
    }
    groups.add(group);
    int count = groups.size();
    PRIMES = new int[count][];
    PRODUCT = new long[count];
    POW = new long[count][CHUNK];
    POW_CHUNK = new long[count];
    INVERSE = new int[count][];
    QUOTIENT_LIMIT = new int[count][];
    BigInteger two32 = BigInteger.ONE.shiftLeft(32);
    for (int g = 0; g < count; g++) {
      PRIMES[g] = groups.get(g).stream().mapToInt(Integer::intValue).toArray();
      long m = 1;
      for (int p : PRIMES[g]) {
        m *= p;
      }
      PRODUCT[g] = m;
      long pow = 1 % m;
      for (int i = 0; i < CHUNK; i++) {
        POW[g][i] = pow;
        pow = (pow << 32) % m; // pow < 2^22, so the shift fits
      }
      POW_CHUNK[g] = pow;
      INVERSE[g] = new int[PRIMES[g].length];
      QUOTIENT_LIMIT[g] = new int[PRIMES[g].length];
      for (int k = 0; k < PRIMES[g].length; k++) {
        BigInteger p = BigInteger.valueOf(PRIMES[g][k]);
        INVERSE[g][k] = p.modInverse(two32).intValue();
        QUOTIENT_LIMIT[g][k] = (int) (0xffffffffL / PRIMES[g][k]);
      }
    }
  }

  private SmallPrimes() {}

  /** Whether an odd prime below 256 divides the number whose big-endian magnitude is {@code mag[off, off + len)}. */
  static boolean divides(byte[] mag, int off, int len) {
    int[] words = littleEndianWords(mag, off, len);
    for (int g = 0; g < PRODUCT.length; g++) {
      int residue = (int) residue(words, g);
      int[] inverse = INVERSE[g];
      int[] limit = QUOTIENT_LIMIT[g];
      for (int k = 0; k < inverse.length; k++) {
        // for odd p and 0 <= x < 2^32: p divides x exactly when x * p^-1 mod 2^32 <= (2^32 - 1) / p
        if (Integer.compareUnsigned(residue * inverse[k], limit[k]) <= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code n mod PRODUCT[g]}, from the words of {@code n}. */
  private static long residue(int[] words, int g) {
    long m = PRODUCT[g];
    long[] pow = POW[g];
    long acc = 0;
    int top = (words.length - 1) / CHUNK * CHUNK;
    for (int base = top; base >= 0; base -= CHUNK) {
      long sum = 0;
      int to = Math.min(words.length - base, CHUNK);
      for (int i = 0; i < to; i++) {
        sum += (words[base + i] & 0xffffffffL) * pow[i];
      }
      acc = (acc * POW_CHUNK[g] + sum % m) % m;
    }
    return acc;
  }

  /** The big-endian magnitude {@code be[off, off + len)} as 32-bit words, least significant first. */
  private static int[] littleEndianWords(byte[] be, int off, int len) {
    int[] words = new int[Math.max(1, (len + 3) / 4)];
    int i = off + len;
    int k = 0;
    for (; i - off >= 4; i -= 4) {
      words[k++] = (be[i - 4] & 0xff) << 24 | (be[i - 3] & 0xff) << 16 | (be[i - 2] & 0xff) << 8 | (be[i - 1] & 0xff);
    }
    int top = 0;
    for (int j = off; j < i; j++) {
      top = top << 8 | (be[j] & 0xff);
    }
    if (i > off) {
      words[k] = top;
    }
    return words;
  }
}
