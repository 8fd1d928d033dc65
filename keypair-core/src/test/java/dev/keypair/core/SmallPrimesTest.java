package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SmallPrimesTest {

  private static final int[] ODD_PRIMES_BELOW_256 =
      IntStream.range(3, 256).filter(p -> p % 2 == 1 && BigInteger.valueOf(p).isProbablePrime(30)).toArray();

  /** The definition: some odd prime below 256 leaves no remainder. */
  private static boolean byDivision(BigInteger n) {
    for (int p : ODD_PRIMES_BELOW_256) {
      if (n.mod(BigInteger.valueOf(p)).signum() == 0) {
        return true;
      }
    }
    return false;
  }

  /** SmallPrimes on the magnitude of {@code n}, placed at an odd offset inside a larger array. */
  private static boolean divides(BigInteger n) {
    byte[] b = n.toByteArray();
    byte[] padded = new byte[b.length + 8];
    java.util.Arrays.fill(padded, (byte) 0x5a);
    System.arraycopy(b, 0, padded, 3, b.length);
    return SmallPrimes.divides(padded, 3, b.length);
  }

  @Test
  void answersAsDivisionDoesOnRandomNumbersOfEverySize() {
    Random random = new Random(8);
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      // up to 17,000 bits: past one chunk of 512 words, so the chunked sum is exercised too
      int bits = i % 10 == 0 ? 1 + random.nextInt(17_000) : 1 + random.nextInt(4200);
      BigInteger n = new BigInteger(bits, random).setBit(0);
      boolean expected = byDivision(n);
      assertThat(divides(n)).as("%s", n).isEqualTo(expected);
      refused += expected ? 1 : 0;
    }
    assertThat(refused).as("both answers occur").isBetween(1_000, 19_000);
  }

  /**
   * All-ones words make each sum as large as it gets: a chunk of 512 words of 2^32 - 1 times powers just under
   * 2^22 stays below 2^63, so the unsigned divisibility test sees the true sum. All-ones numbers of 1 to 520
   * words, and the same minus 2 (odd, other residues).
   */
  @Test
  void answersAsDivisionDoesOnTheLargestSums() {
    for (int words = 1; words <= 520; words++) {
      BigInteger ones = BigInteger.ONE.shiftLeft(32 * words).subtract(BigInteger.ONE);
      for (BigInteger n : new BigInteger[] {ones, ones.subtract(BigInteger.TWO)}) {
        assertThat(divides(n)).as("%d words", words).isEqualTo(byDivision(n));
      }
    }
  }

  @Test
  void findsEachPrimeAsTheOnlySmallFactor() {
    Random random = new Random(9);
    for (int p : ODD_PRIMES_BELOW_256) {
      for (int bits : new int[] {0, 31, 32, 33, 1000, 16_380, 16_400, 40_000}) {
        BigInteger other = bits == 0 ? BigInteger.ONE : withoutSmallFactor(bits, random);
        BigInteger n = BigInteger.valueOf(p).multiply(other);
        assertThat(divides(n)).as("%d times a %d-bit number without small factors", p, bits).isTrue();
        assertThat(divides(n.multiply(BigInteger.valueOf(p)))).isTrue();
        assertThat(divides(n.add(BigInteger.TWO))).isEqualTo(byDivision(n.add(BigInteger.TWO)));
      }
    }
  }

  private static BigInteger withoutSmallFactor(int bits, Random random) {
    while (true) {
      BigInteger n = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
      if (!byDivision(n)) {
        return n;
      }
    }
  }

  @Test
  void passesProductsOfLargerPrimes() {
    Random random = new Random(10);
    for (int i = 0; i < 20; i++) {
      BigInteger n = BigInteger.probablePrime(257 + random.nextInt(256), random)
          .multiply(BigInteger.probablePrime(257 + random.nextInt(256), random));
      assertThat(divides(n)).isFalse();
    }
    assertThat(divides(BigInteger.valueOf(257L * 263))).isFalse();
    assertThat(divides(BigInteger.ONE)).isFalse();
  }
}
