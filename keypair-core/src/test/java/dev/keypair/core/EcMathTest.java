package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fast fixed-base multiplications (BouncyCastle's, behind {@link EcMath} and
 * {@link Ed25519PrivateKeyData}) give exactly what keypair's former derivations gave: the BigInteger
 * double-and-add ({@link EcMathOracle}) and the JDK's Ed25519 key pair generator fed the seed.
 */
class EcMathTest {

  /** Random scalars of every length and the edges of (0, n): 1, 2, 3, n - 1, n - 2, (n - 1) / 2, powers of 2. */
  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void generatorMultipleIsTheOraclesOnRandomAndEdgeScalars(EcCurve curve) {
    BigInteger n = curve.order();
    List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
        n.subtract(BigInteger.ONE), n.subtract(BigInteger.TWO), n.shiftRight(1), n.shiftRight(1).add(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(n.bitLength() - 1), BigInteger.ONE.shiftLeft(n.bitLength() - 1).subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(n.bitLength() / 2)));
    Random random = new Random(curve.ordinal() + 8L);
    for (int i = 0; i < 40; i++) {
      BigInteger k = new BigInteger(1 + random.nextInt(n.bitLength()), random).mod(n);
      scalars.add(k.signum() == 0 ? BigInteger.ONE : k);
    }
    for (BigInteger k : scalars) {
      assertThat(EcMath.multiplyGenerator(curve, k)).as("%s * G on %s", k, curve)
          .containsExactly(EcMathOracle.multiplyGenerator(curve, k));
    }
  }

  /**
   * On random multiples of G, their neighbours (y + 1, x + 1, -y), random coordinates and the edges 0 and p - 1,
   * the check on the point's bytes answers as the former BigInteger check does; coordinates of p, p + 1, all-ones
   * bytes and the midpoint of the two (not below p) are told apart from points off the curve.
   */
  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void coordinateCheckIsTheOraclesOnPointsOnAndOffTheCurve(EcCurve curve) {
    BigInteger p = curve.fieldPrime();
    BigInteger top = p.subtract(BigInteger.ONE);
    List<BigInteger[]> points = new ArrayList<>(List.of(new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO},
        new BigInteger[] {top, top}, new BigInteger[] {BigInteger.ZERO, top}, new BigInteger[] {top, BigInteger.ZERO}));
    Random random = new Random(curve.ordinal() + 80L);
    int on = 0;
    for (int i = 0; i < 60; i++) {
      BigInteger[] q = EcMath.multiplyGenerator(curve, new BigInteger(curve.order().bitLength() - 1, random).add(BigInteger.ONE));
      points.add(q);
      points.add(new BigInteger[] {q[0], q[1].add(BigInteger.ONE).mod(p)});
      points.add(new BigInteger[] {q[0].add(BigInteger.ONE).mod(p), q[1]});
      points.add(new BigInteger[] {q[0], p.subtract(q[1])});
      points.add(new BigInteger[] {new BigInteger(p.bitLength(), random).mod(p), new BigInteger(p.bitLength(), random).mod(p)});
    }
    for (BigInteger[] q : points) {
      boolean expected = EcMathOracle.onCurve(curve, q[0], q[1]);
      assertThat(EcMath.checkCoordinates(curve, EcdsaKeyData.uncompressed(curve, q[0], q[1]))).as("(%s, %s) on %s", q[0], q[1], curve)
          .isEqualTo(expected ? 1 : 0);
      on += expected ? 1 : 0;
    }
    assertThat(on).as("points on the curve among the cases").isEqualTo(120);
    BigInteger[] g = EcMath.multiplyGenerator(curve, BigInteger.ONE);
    BigInteger allOnes = BigInteger.ONE.shiftLeft(curve.coordinateLength() * 8).subtract(BigInteger.ONE);
    for (BigInteger big : List.of(p, p.add(BigInteger.ONE), p.add(allOnes).shiftRight(1), allOnes)) {
      assertThat(EcMath.checkCoordinates(curve, EcdsaKeyData.uncompressed(curve, big, g[1]))).as("x = %s on %s", big, curve).isEqualTo(-1);
      assertThat(EcMath.checkCoordinates(curve, EcdsaKeyData.uncompressed(curve, g[0], big))).as("y = %s on %s", big, curve).isEqualTo(-1);
    }
  }

  /** 1 * G is the generator itself, and (n - 1) * G its negation: y becomes p - y. */
  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void firstAndLastMultiplesAreTheGeneratorAndItsNegation(EcCurve curve) {
    BigInteger gx = curve.jcaParameterSpec().getGenerator().getAffineX();
    BigInteger gy = curve.jcaParameterSpec().getGenerator().getAffineY();
    assertThat(EcMath.multiplyGenerator(curve, BigInteger.ONE)).containsExactly(gx, gy);
    assertThat(EcMath.multiplyGenerator(curve, curve.order().subtract(BigInteger.ONE)))
        .containsExactly(gx, curve.fieldPrime().subtract(gy));
  }

  /** Random seeds and the all-0 and all-1 seeds: the public key is the one the JDK's generator derives. */
  @Test
  void ed25519PublicKeyIsTheJdkGeneratorsOnManySeeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>(List.of(new byte[32], filled(0xff), filled(0x01), filled(0x80)));
    Random random = new Random(25519);
    for (int i = 0; i < 200; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      seeds.add(seed);
    }
    for (byte[] seed : seeds) {
      assertThat(Ed25519PrivateKeyData.fromSeed(seed).publicKey().keyBytes()).isEqualTo(jdkPublicKey(seed));
    }
  }

  private static byte[] filled(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }

  /** The JDK's Ed25519 key pair generator, given the seed as its only randomness (RFC 8032 section 5.1.5). */
  private static byte[] jdkPublicKey(byte[] seed) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", "SunEC");
    g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
      private static final long serialVersionUID = 1L;
      private boolean used;

      @Override
      public void nextBytes(byte[] bytes) {
        assertThat(used).as("the generator draws the seed once").isFalse();
        assertThat(bytes).hasSize(seed.length);
        used = true;
        System.arraycopy(seed, 0, bytes, 0, bytes.length);
      }
    });
    byte[] spki = g.generateKeyPair().getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }
}
