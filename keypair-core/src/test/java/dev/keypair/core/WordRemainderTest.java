package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link WordRemainder#mod} and {@link WordRemainder#isOne} give what {@link BigInteger#mod} gives. */
class WordRemainderTest {

  @Test
  void agreesWithTheJdkOnRandomSizes() {
    Random random = new Random(4_3_1);
    for (int run = 0; run < 100_000; run++) {
      BigInteger m = new BigInteger(1 + random.nextInt(1100), random).add(BigInteger.ONE);
      BigInteger x = new BigInteger(random.nextInt(2300), random);
      assertThat(WordRemainder.mod(x, m)).as("%s mod %s", x, m).isEqualTo(x.mod(m));
    }
  }

  @Test
  void agreesWithTheJdkOnTheRsaShapesAndOnWordsThatForceTheCorrections() {
    Random random = new Random(8017);
    for (int run = 0; run < 20_000; run++) {
      int bits = 64 * (2 + random.nextInt(32));
      BigInteger m = words(random, bits, run % 3 == 0);
      BigInteger x = words(random, 2 * bits + random.nextInt(20), run % 5 == 0);
      if (m.signum() == 0) {
        continue;
      }
      assertThat(WordRemainder.mod(x, m)).isEqualTo(x.mod(m));
      BigInteger multiple = m.multiply(words(random, bits, false)); // remainder 0 and m - 1
      assertThat(WordRemainder.mod(multiple, m)).isEqualTo(BigInteger.ZERO);
      assertThat(WordRemainder.mod(multiple.subtract(BigInteger.ONE).abs(), m))
          .isEqualTo(multiple.subtract(BigInteger.ONE).abs().mod(m));
    }
  }

  @Test
  void smallAndEdgeValues() {
    BigInteger b64 = BigInteger.ONE.shiftLeft(64);
    BigInteger[] values = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, b64.subtract(BigInteger.ONE), b64,
        b64.add(BigInteger.ONE), b64.multiply(b64).subtract(BigInteger.ONE), b64.multiply(b64),
        b64.pow(4).subtract(BigInteger.ONE), b64.pow(3).add(b64.pow(2).subtract(BigInteger.ONE))};
    for (BigInteger x : values) {
      for (BigInteger m : values) {
        if (m.signum() > 0) {
          assertThat(WordRemainder.mod(x, m)).as("%s mod %s", x, m).isEqualTo(x.mod(m));
        }
      }
    }
    assertThatThrownBy(() -> WordRemainder.mod(BigInteger.ONE, BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRemainderFromTheCallersBytesAndIsOneAgreeWithTheJdk() {
    Random random = new Random(5_8_0_17);
    for (int run = 0; run < 20_000; run++) {
      int bits = 64 * (1 + random.nextInt(32)) - random.nextInt(3);
      BigInteger m = new BigInteger(bits, random).setBit(0).add(BigInteger.ONE);
      BigInteger k = new BigInteger(1 + random.nextInt(bits + 64), random);
      BigInteger x = switch (run % 4) {
        case 0 -> k.multiply(m).add(BigInteger.ONE); // remainder exactly 1
        case 1 -> k.multiply(m); // remainder 0
        case 2 -> BigInteger.ONE.add(random.nextBoolean() ? m.shiftLeft(64) : BigInteger.ZERO); // 1 in the low word only
        default -> new BigInteger(random.nextInt(2 * bits + 64), random);
      };
      assertThat(WordRemainder.mod(x, x.toByteArray(), m)).as("%s mod %s", x, m).isEqualTo(x.mod(m));
      assertThat(WordRemainder.isOne(x, m)).as("%s mod %s is 1", x, m).isEqualTo(x.mod(m).equals(BigInteger.ONE));
    }
    BigInteger b64 = BigInteger.ONE.shiftLeft(64);
    BigInteger m = b64.pow(2).subtract(BigInteger.ONE);
    assertThat(WordRemainder.isOne(b64.pow(2), m)).isTrue(); // 2^128 = 1 mod 2^128 - 1
    assertThat(WordRemainder.isOne(b64.pow(2).add(b64), m)).isFalse(); // 1 in the low word, not only there
    assertThat(WordRemainder.isOne(BigInteger.ONE, BigInteger.ONE)).isFalse();
    assertThatThrownBy(() -> WordRemainder.isOne(BigInteger.ONE, BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A number of {@code bits} bits whose 64-bit words are random, or all ones and zeros (top words of m equal to x's). */
  private static BigInteger words(Random random, int bits, boolean extreme) {
    BigInteger r = BigInteger.ZERO;
    for (int k = 0; k < bits; k += 64) {
      long w = extreme ? (random.nextBoolean() ? -1L : random.nextInt(3)) : random.nextLong();
      r = r.shiftLeft(64).or(new BigInteger(1, java.nio.ByteBuffer.allocate(8).putLong(w).array()));
    }
    return r.shiftRight(r.bitLength() > bits ? r.bitLength() - bits : 0);
  }

  @Test
  void isInverseFromBytesAgreesWithTheDefinition() {
    Random random = new Random(8017_65537L);
    int[] exponents = {2, 3, 17, 65537, 0x7fff_ffff};
    int inverses = 0;
    for (int run = 0; run < 20_000; run++) {
      int bits = 2 + random.nextInt(1100);
      BigInteger m = new BigInteger(bits, random).add(BigInteger.TWO);
      int e = run % 7 == 6 ? 2 + random.nextInt(Integer.MAX_VALUE - 2) : exponents[run % exponents.length];
      BigInteger big = BigInteger.valueOf(e);
      BigInteger inverse = big.gcd(m).equals(BigInteger.ONE) ? big.modInverse(m) : BigInteger.ONE;
      BigInteger x = switch (run % 6) {
        case 0 -> inverse;
        case 1 -> inverse.add(m.multiply(BigInteger.valueOf(random.nextInt(3)))).subtract(
            BigInteger.valueOf(random.nextInt(2))); // m + inverse, inverse - 1...
        case 2 -> m.add(BigInteger.valueOf(random.nextInt(3) - 1)); // m - 1, m, m + 1
        case 3 -> new BigInteger(random.nextInt(bits + 70), random); // often over m, sometimes 0
        case 4 -> new BigInteger(Math.max(1, bits - 64), random).shiftLeft(64); // e * x - 1 borrows through a word
        default -> new BigInteger(bits, random).mod(m);
      };
      if (x.signum() < 0) {
        continue;
      }
      boolean expected = x.signum() > 0 && x.compareTo(m) < 0
          && big.multiply(x).mod(m).equals(BigInteger.ONE);
      inverses += expected ? 1 : 0;
      assertThat(WordRemainder.isInverse(e, x.toByteArray(), m.toByteArray()))
          .as("%s * %s = 1 mod %s", e, x, m).isEqualTo(expected);
      assertThat(WordRemainder.isInverse(e, padded(x.toByteArray(), random.nextInt(12)), m.toByteArray()))
          .isEqualTo(expected);
    }
    assertThat(inverses).isGreaterThan(3_000);
  }

  private static byte[] padded(byte[] b, int zeros) {
    byte[] r = new byte[b.length + zeros];
    System.arraycopy(b, 0, r, zeros, b.length);
    return r;
  }
}
