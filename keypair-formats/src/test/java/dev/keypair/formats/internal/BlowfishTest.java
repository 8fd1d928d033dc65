package dev.keypair.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.internal.Wipe;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** keypair's Blowfish against the digits of pi, the published test vectors and BouncyCastle. */
class BlowfishTest {

  private static final HexFormat HEX = HexFormat.of();

  /** The tables are the fractional hexadecimal digits of pi, computed here by Machin's formula. */
  @Test
  void tablesAreTheDigitsOfPi() {
    int words = Blowfish.P_WORDS + Blowfish.S_WORDS;
    int bits = 32 * words + 64; // 64 guard bits
    BigInteger one = BigInteger.ONE.shiftLeft(bits);
    BigInteger pi = arctanOfInverse(5, one).shiftLeft(4).subtract(arctanOfInverse(239, one).shiftLeft(2));
    BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
    int[] expected = new int[words];
    for (int i = 0; i < words; i++) {
      expected[i] = fraction.shiftRight(32 * (words - 1 - i)).intValue();
    }
    int[] tables = new int[words];
    System.arraycopy(Blowfish.P_INIT, 0, tables, 0, Blowfish.P_WORDS);
    System.arraycopy(Blowfish.S_INIT, 0, tables, Blowfish.P_WORDS, Blowfish.S_WORDS);
    assertThat(tables).isEqualTo(expected);
    assertThat(Blowfish.P_INIT[0]).isEqualTo(0x243f6a88);
  }

  /** arctan(1/x) in fixed point with {@code one} as 1: the series x^-1 - x^-3/3 + x^-5/5 - ... */
  private static BigInteger arctanOfInverse(int x, BigInteger one) {
    BigInteger xx = BigInteger.valueOf((long) x * x);
    BigInteger power = one.divide(BigInteger.valueOf(x));
    BigInteger sum = power;
    for (int n = 1; power.signum() != 0; n++) {
      power = power.divide(xx);
      BigInteger term = power.divide(BigInteger.valueOf(2L * n + 1));
      sum = (n & 1) == 1 ? sum.subtract(term) : sum.add(term);
    }
    return sum;
  }

  /** Eric Young's vectors (Schneier's reference set): key, plaintext, ciphertext. */
  @Test
  void publishedVectors() {
    String[][] vectors = {
        {"0000000000000000", "0000000000000000", "4ef997456198dd78"},
        {"ffffffffffffffff", "ffffffffffffffff", "51866fd5b85ecb8a"},
        {"3000000000000000", "1000000000000001", "7d856f9a613063f2"},
        {"0123456789abcdef", "1111111111111111", "61f9c3802281b096"},
        {"fedcba9876543210", "0123456789abcdef", "0aceab0fc6a0a28d"},
    };
    for (String[] v : vectors) {
      byte[] out = new byte[8];
      Blowfish.withKey(HEX.parseHex(v[0])).encryptBlock(HEX.parseHex(v[1]), 0, out, 0);
      assertThat(HEX.formatHex(out)).as("key %s", v[0]).isEqualTo(v[2]);
    }
  }

  @Property(tries = 300)
  void encryptsAsBouncyCastle(@ForAll @Size(min = 4, max = 56) byte[] key, @ForAll @Size(8) byte[] block) {
    byte[] ours = new byte[8];
    Blowfish.withKey(key).encryptBlock(block, 0, ours, 0);
    BlowfishEngine bc = new BlowfishEngine();
    bc.init(true, new KeyParameter(key));
    byte[] theirs = new byte[8];
    bc.processBlock(block, 0, theirs, 0);
    assertThat(ours).isEqualTo(theirs);
  }

  @Test
  void wordStreamsWrapAround() {
    assertThat(Blowfish.streamWords(new byte[] {1, 2, 3, 4, 5}, 3))
        .containsExactly(0x01020304, 0x05010203, 0x04050102);
    assertThatThrownBy(() -> Blowfish.streamWords(new byte[0], 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wipeZeroesTheStateThroughWipe() {
    Blowfish b = Blowfish.withKey(new byte[] {1, 2, 3, 4});
    dev.keypair.testsupport.Wipes.Observed w = dev.keypair.testsupport.Wipes.during(b::wipe);
    assertThat(w.tags()).containsExactly("blowfish-p", "blowfish-s");
    assertThat(w.buffers()).allMatch(Wipe::isWiped);
  }
}
