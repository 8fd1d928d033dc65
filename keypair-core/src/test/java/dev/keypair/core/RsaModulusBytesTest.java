package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link RsaKeyData#ofModulusBytes}, which keeps the modulus as bytes until asked for, makes the key
 * {@link RsaKeyData#of} makes, with the same errors; {@link RsaKeyData#modulusIs} answers as {@code equals} on the
 * modulus would.
 */
class RsaModulusBytesTest {

  private static final BigInteger E = BigInteger.valueOf(65537);

  @Test
  void theKeyAndTheErrorsAreThoseOfTheNumber() {
    Random random = new Random(4253);
    KeyPairLimits limits = KeyPairLimits.builder().rsaBits(512, 4096).build();
    List<BigInteger> moduli = new ArrayList<>();
    for (RsaPrivateKeyData k : TestKeys.rsaPool()) {
      moduli.add(k.publicKey().modulus());
    }
    for (int run = 0; run < 300; run++) {
      moduli.add(new BigInteger(400 + random.nextInt(4000), random).setBit(0)); // small factors, sizes
    }
    moduli.addAll(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO.pow(2048), BigInteger.TWO.pow(2047).add(
        BigInteger.ONE), moduli.get(0).add(BigInteger.ONE)));
    for (BigInteger n : moduli) {
      for (BigInteger e : List.of(E, BigInteger.valueOf(3), BigInteger.TWO, n, n.subtract(BigInteger.TWO).abs())) {
        Object expected = outcome(() -> RsaKeyData.of(e, n, limits));
        Object actual = outcome(() -> RsaKeyData.ofModulusBytes(e, n.toByteArray(), limits));
        assertThat(actual).as("n = %s, e = %s", n, e).isEqualTo(expected);
      }
    }
  }

  @Test
  void aNegativeOrNonMinimalModulus() {
    BigInteger n = TestKeys.rsaPool().get(0).publicKey().modulus();
    byte[] negative = n.negate().toByteArray();
    assertThat(outcome(() -> RsaKeyData.ofModulusBytes(E, negative, KeyPairLimits.defaults())))
        .isEqualTo(outcome(() -> RsaKeyData.of(E, n.negate(), KeyPairLimits.defaults())));
    byte[] minimal = n.toByteArray();
    byte[] padded = new byte[minimal.length + 1];
    System.arraycopy(minimal, 0, padded, 1, minimal.length);
    for (byte[] bad : new byte[][] {{}, padded, {0, 1}, {-1, -128}}) {
      assertThatThrownBy(() -> RsaKeyData.ofModulusBytes(E, bad, KeyPairLimits.defaults()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theModulusIsComparedWithoutBeingMadeAndMadeWhenAskedFor() {
    Random random = new Random(8017);
    for (RsaPrivateKeyData k : TestKeys.rsaPool()) {
      BigInteger n = k.publicKey().modulus();
      List<BigInteger> others = List.of(n.add(BigInteger.TWO), n.subtract(BigInteger.TWO), n.shiftLeft(1),
          n.shiftRight(1), n.negate(), BigInteger.ZERO, n.flipBit(n.bitLength() - 2), new BigInteger(n.bitLength(),
              random), n.add(BigInteger.ONE.shiftLeft(n.bitLength())));
      RsaKeyData fromBytes = RsaKeyData.ofModulusBytes(E, n.toByteArray(), KeyPairLimits.defaults());
      byte[] blob = k.publicKey().blob().toByteArray();
      RsaKeyData fromBlob = (RsaKeyData) KeyBlobs.decode(blob, 0, blob.length, KeyPairLimits.defaults());
      for (RsaKeyData key : new RsaKeyData[] {fromBytes, fromBlob}) {
        assertThat(key.modulusIs(n)).isTrue();
        for (BigInteger x : others) {
          assertThat(key.modulusIs(x)).as("%s", x).isFalse();
        }
      }
      assertThat(fromBytes.modulus()).isEqualTo(n);
      assertThat(fromBytes).isEqualTo(RsaKeyData.of(E, n));
      assertThat(fromBytes.modulusIs(n)).isTrue(); // now made
      assertThat(fromBytes.modulusIs(n.add(BigInteger.TWO))).isFalse();
    }
  }

  /** The key's blob, or the error's code and message. */
  private static Object outcome(Supplier<RsaKeyData> make) {
    KeyPairException e = catchThrowableOfType(make::get, KeyPairException.class);
    return e == null ? make.get().blob() : e.code() + ": " + e.getMessage();
  }
}
