package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RsaExponents#provesInverse} proves {@code e * d = 1 mod lcm(p - 1, q - 1)} for the keys tools make and
 * never for a {@code d} that {@link RsaExponents#exact} refuses; a CRT exponent a key did not make passes
 * {@link WordRemainder#isInverse} exactly when it is {@code d mod (p - 1)}.
 */
class RsaExponentsTest {

  private static final BigInteger ONE = BigInteger.ONE;
  private static final InsecureSecretAccess ACCESS = InsecureSecretAccess.get();

  @Test
  void provesTheKeysToolsMakeAndNeverAWrongExponent() {
    Random random = new Random(8017_2);
    int[] exponents = {3, 17, 65537, 0x7fff_ffff};
    for (int run = 0; run < 120; run++) {
      int bits = 64 + random.nextInt(449);
      BigInteger e = BigInteger.valueOf(exponents[run % exponents.length]);
      BigInteger p = prime(bits, e, random);
      BigInteger q = prime(bits + random.nextInt(3) - 1, e, random);
      BigInteger n = p.multiply(q);
      BigInteger pm1 = p.subtract(ONE);
      BigInteger qm1 = q.subtract(ONE);
      BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
      BigInteger phi = pm1.multiply(qm1);
      BigInteger[] valid = {e.modInverse(lambda), e.modInverse(phi),
          e.modInverse(lambda).add(lambda.multiply(BigInteger.valueOf(1 + random.nextInt(3))))};
      for (BigInteger d : valid) {
        assertThat(RsaExponents.provesInverse(n, e, d, p, q)).as("gcd(p - 1, q - 1) = %s", pm1.gcd(qm1)).isTrue();
        assertThat(RsaExponents.exact(e, d, p, q)).containsExactly(d.mod(pm1), d.mod(qm1));
      }
      BigInteger d = valid[0];
      BigInteger[] wrong = {d.add(ONE), d.subtract(ONE), d.add(pm1), d.add(qm1), d.add(lambda.shiftRight(1)),
          d.add(phi.shiftRight(1)), new BigInteger(n.bitLength() - 1, random).add(ONE)};
      for (BigInteger w : wrong) {
        if (w.signum() > 0 && w.compareTo(n) < 0) {
          assertAgree(n, e, w, p, q);
        }
      }
    }
  }

  @Test
  void aLargeCommonFactorOfPMinusOneAndQMinusOneIsLeftToTheExactCheck() {
    Random random = new Random(4_1_1);
    BigInteger e = BigInteger.valueOf(65537);
    for (int gBits : new int[] {8, 15, 17, 40, 200}) {
      BigInteger g = new BigInteger(gBits, random).setBit(gBits - 1);
      BigInteger p = primeWithFactor(g, 300, e, random);
      BigInteger q = primeWithFactor(g, 300, e, random);
      BigInteger n = p.multiply(q);
      BigInteger pm1 = p.subtract(ONE);
      BigInteger qm1 = q.subtract(ONE);
      BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
      BigInteger d = e.modInverse(lambda);
      if (pm1.gcd(qm1).bitLength() <= 16) {
        assertThat(RsaExponents.provesInverse(n, e, d, p, q)).isTrue();
      } else if (gBits >= 40) { // the denominator sought, g over gcd(g, (e * d - 1) / lcm), is over 2^16
        assertThat(RsaExponents.provesInverse(n, e, d, p, q)).as("gcd of %s bits", gBits).isFalse();
      }
      assertThat(RsaExponents.exact(e, d, p, q)).containsExactly(d.mod(pm1), d.mod(qm1));
      assertAgree(n, e, d.add(lambda.divide(g)), p, q);
    }
  }

  @Test
  void anExponentNotInvertibleOrTooLargeOrATinyPrimeIsNeverProven() {
    Random random = new Random(65537);
    BigInteger three = BigInteger.valueOf(3);
    for (int run = 0; run < 200; run++) {
      BigInteger p = BigInteger.probablePrime(128, random);
      BigInteger q = BigInteger.probablePrime(128, random);
      BigInteger n = p.multiply(q);
      assertAgree(n, three, new BigInteger(255, random).add(ONE), p, q); // 3 often divides p - 1: no inverse at all
      BigInteger bigE = BigInteger.probablePrime(40, random);
      BigInteger pm1 = p.subtract(ONE);
      BigInteger qm1 = q.subtract(ONE);
      BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
      if (bigE.gcd(lambda).equals(ONE)) {
        assertThat(RsaExponents.provesInverse(n, bigE, bigE.modInverse(lambda), p, q)).isFalse();
        assertThat(RsaExponents.exact(bigE, bigE.modInverse(lambda), p, q)).isNotNull();
      }
    }
    BigInteger e = BigInteger.valueOf(65537);
    BigInteger p = BigInteger.valueOf(4_294_967_311L); // 33 bits
    BigInteger q = prime(200, e, random);
    BigInteger d = e.modInverse(p.subtract(ONE).multiply(q.subtract(ONE)));
    assertThat(RsaExponents.provesInverse(p.multiply(q), e, d, p, q)).isFalse();
    assertThat(RsaExponents.exact(e, d, p, q)).isNotNull();
  }

  @Test
  void aSquareOfOnePrimeIsLeftToTheExactCheck() {
    BigInteger e = BigInteger.valueOf(65537);
    BigInteger p = prime(256, e, new Random(7));
    BigInteger d = e.modInverse(p.subtract(ONE));
    assertThat(RsaExponents.provesInverse(p.multiply(p), e, d, p, p)).isFalse(); // gcd(p - 1, p - 1) is p - 1
    assertThat(RsaExponents.exact(e, d, p, p)).containsExactly(d, d);
    assertAgree(p.multiply(p), e, BigInteger.TEN, p, p);
  }

  @Test
  void aCrtExponentIsAnInverseOfEExactlyWhenItIsDModPMinusOne() {
    Random random = new Random(2_0_4_8);
    BigInteger e = BigInteger.valueOf(65537);
    for (int run = 0; run < 200; run++) {
      BigInteger p = prime(64 + random.nextInt(200), e, random);
      BigInteger q = prime(64 + random.nextInt(200), e, random);
      BigInteger pm1 = p.subtract(ONE);
      BigInteger qm1 = q.subtract(ONE);
      BigInteger d = e.modInverse(pm1.divide(pm1.gcd(qm1)).multiply(qm1));
      BigInteger dP = d.mod(pm1);
      BigInteger[] candidates = {dP, dP.add(ONE), dP.subtract(ONE), dP.add(pm1), dP.subtract(pm1), BigInteger.ZERO,
          pm1, dP.negate(), d, new BigInteger(pm1.bitLength(), random), dP.add(pm1.shiftRight(1))};
      for (BigInteger x : candidates) {
        if (x.signum() >= 0) { // a DER INTEGER read as bytes is positive
          assertThat(WordRemainder.isInverse(e.intValue(), x.toByteArray(), pm1.toByteArray())).as("%s", x)
              .isEqualTo(x.equals(dP));
        }
      }
    }
  }

  @Test
  void aKeyChecksAFilesCrtExponentsWhetherOrNotItMadeItsOwn() {
    Random random = new Random(1_0_2_4);
    BigInteger e = BigInteger.valueOf(65537);
    BigInteger p = prime(512, e, random);
    BigInteger q = prime(512, e, random);
    BigInteger pm1 = p.subtract(ONE);
    BigInteger qm1 = q.subtract(ONE);
    BigInteger d = e.modInverse(pm1.divide(pm1.gcd(qm1)).multiply(qm1));
    BigInteger iqmp = q.modInverse(p);
    BigInteger n = p.multiply(q);
    assertThat(RsaExponents.provesInverse(n, e, d, p, q)).isTrue();

    BigInteger dP = d.mod(pm1);
    BigInteger dQ = d.mod(qm1);
    RsaPrivateKeyData read = RsaPrivateKeyData.of(n, e, d, p, q, iqmp); // exponents not made: checked as inverses
    assertThat(read.hasCrtExponents(dP.toByteArray(), dQ.toByteArray())).isTrue();
    assertThat(read.hasCrtExponents(dP.add(ONE).toByteArray(), dQ.toByteArray())).isFalse();
    assertThat(read.hasCrtExponents(dP.add(pm1).toByteArray(), dQ.toByteArray())).isFalse();
    assertThat(read.hasCrtExponents(dP.toByteArray(), dQ.subtract(ONE).toByteArray())).isFalse();
    assertThat(read.hasCrtExponents(dP.toByteArray(), d.toByteArray())).isFalse();
    assertThat(read.primeExponentP(ACCESS)).isEqualTo(dP); // made when asked for
    assertThat(read.primeExponentQ(ACCESS)).isEqualTo(dQ);
    assertThat(read.hasCrtExponents(dP.toByteArray(), dQ.toByteArray())).isTrue(); // now compared with them
    assertThat(read.hasCrtExponents(dP.add(pm1).toByteArray(), dQ.toByteArray())).isFalse();
    assertThat(read.hasCrtExponents(dP.toByteArray(), dQ.add(ONE).toByteArray())).isFalse();

    // a key whose d the fast check cannot prove (e over 31 bits) made its exponents, and compares with them
    BigInteger bigE = BigInteger.valueOf(4_294_967_311L);
    BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
    if (bigE.gcd(lambda).equals(ONE)) {
      BigInteger bigD = bigE.modInverse(lambda);
      RsaPrivateKeyData exact = RsaPrivateKeyData.of(n, bigE, bigD, p, q, iqmp);
      assertThat(exact.hasCrtExponents(bigD.mod(pm1).toByteArray(), bigD.mod(qm1).toByteArray())).isTrue();
      assertThat(exact.hasCrtExponents(bigD.mod(pm1).add(pm1).toByteArray(), bigD.mod(qm1).toByteArray())).isFalse();
    }
    // e = 2 * 2^32 + 65537, which an int cuts to 65537, invertible here: the inverses of the cut e are refused
    BigInteger longE = BigInteger.valueOf((2L << 32) + 65537);
    assertThat(longE.gcd(lambda)).isEqualTo(ONE);
    BigInteger longD = longE.modInverse(lambda);
    RsaPrivateKeyData key = RsaPrivateKeyData.of(n, longE, longD, p, q, iqmp);
    assertThat(key.hasCrtExponents(longD.mod(pm1).toByteArray(), longD.mod(qm1).toByteArray())).isTrue();
    assertThat(key.hasCrtExponents(e.modInverse(pm1).toByteArray(), e.modInverse(qm1).toByteArray())).isFalse();
  }

  /** When the fast check proves {@code d}, the exact one accepts it too. */
  private static void assertAgree(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
    if (RsaExponents.provesInverse(n, e, d, p, q)) {
      assertThat(RsaExponents.exact(e, d, p, q)).as("proven by the fast check").isNotNull();
    }
  }

  /** A prime of {@code bits} bits with {@code p - 1} prime to {@code e}. */
  private static BigInteger prime(int bits, BigInteger e, Random random) {
    while (true) {
      BigInteger p = BigInteger.probablePrime(bits, random);
      if (p.subtract(ONE).gcd(e).equals(ONE)) {
        return p;
      }
    }
  }

  /** A prime of about {@code bits} bits with {@code g} dividing {@code p - 1}, and {@code p - 1} prime to {@code e}. */
  private static BigInteger primeWithFactor(BigInteger g, int bits, BigInteger e, Random random) {
    BigInteger twoG = g.shiftLeft(1);
    while (true) {
      BigInteger p = new BigInteger(bits - g.bitLength(), random).multiply(twoG).add(ONE);
      if (p.isProbablePrime(40) && p.subtract(ONE).gcd(e).equals(ONE)) {
        return p;
      }
    }
  }
}
