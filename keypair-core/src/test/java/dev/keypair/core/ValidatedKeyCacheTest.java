package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ValidatedKeyCacheTest {

  private static final BigInteger E = BigInteger.valueOf(65537);

  private static byte[] rsaBlob(BigInteger n) {
    return new SshWireWriter(600).writeString("ssh-rsa").writeMpint(E).writeMpint(n).toByteArray();
  }

  /** Moduli of the same length and the same last bytes as {@code n}, so their blobs share a set of slots. */
  private static List<BigInteger> sameSlotModuli(BigInteger n, int count, Random random) {
    List<BigInteger> out = new ArrayList<>();
    while (out.size() < count) {
      BigInteger m = n.xor(BigInteger.valueOf(random.nextInt(1 << 20) + 1).shiftLeft(1000));
      byte[] mag = m.toByteArray();
      if (!SmallPrimes.divides(mag, 0, mag.length)) {
        out.add(m);
      }
    }
    return out;
  }

  @Test
  void neverReturnsTheKeyOfOtherBytesInTheSameSlot() {
    Random random = new Random(1);
    BigInteger n = TestKeys.randomRsa(random, 2048).modulus();
    byte[] first = rsaBlob(n);
    assertThat(KeyData.fromBlob(first)).isEqualTo(KeyData.fromBlob(first));
    for (BigInteger m : sameSlotModuli(n, 50, random)) {
      byte[] other = rsaBlob(m);
      assertThat(other).hasSameSizeAs(first);
      assertThat(Arrays.copyOfRange(other, other.length - 8, other.length))
          .isEqualTo(Arrays.copyOfRange(first, first.length - 8, first.length));
      RsaKeyData key = (RsaKeyData) KeyData.fromBlob(other);
      assertThat(key.modulus()).isEqualTo(m);
      assertThat(key.blob().toByteArray()).isEqualTo(other);
      assertThat(((RsaKeyData) KeyData.fromBlob(first)).modulus()).isEqualTo(n);
    }
  }

  /** Two keys of one set both stay; a third evicts the older of them. */
  @Test
  void aSetHoldsTheTwoLatestKeys() {
    Random random = new Random(9);
    BigInteger n = TestKeys.randomRsa(random, 2048).modulus();
    List<BigInteger> others = sameSlotModuli(n, 2, random);
    byte[] a = rsaBlob(n);
    byte[] b = rsaBlob(others.get(0));
    byte[] c = rsaBlob(others.get(1));
    assertThat(ValidatedKeyCache.set(b, 0, b.length)).isEqualTo(ValidatedKeyCache.set(a, 0, a.length))
        .isEqualTo(ValidatedKeyCache.set(c, 0, c.length));
    KeyPairLimits limits = KeyPairLimits.defaults();
    KeyData.fromBlob(a, limits);
    KeyData.fromBlob(b, limits);
    assertThat(ValidatedKeyCache.get(a, 0, a.length, limits)).isEqualTo(KeyData.fromBlob(a));
    assertThat(ValidatedKeyCache.get(b, 0, b.length, limits)).isEqualTo(KeyData.fromBlob(b));
    KeyData.fromBlob(c, limits);
    assertThat(ValidatedKeyCache.get(c, 0, c.length, limits)).isNotNull();
    assertThat(ValidatedKeyCache.get(b, 0, b.length, limits)).isNotNull();
    assertThat(ValidatedKeyCache.get(a, 0, a.length, limits)).isNull();
  }

  @Test
  void aKeyCheckedUnderOneLimitIsCheckedAgainUnderAnother() {
    byte[] blob = rsaBlob(TestKeys.randomRsa(new Random(2), 2048).modulus());
    assertThat(KeyData.fromBlob(blob)).isInstanceOf(RsaKeyData.class);
    KeyPairLimits strict = KeyPairLimits.builder().rsaBits(3072, 16384).build();
    assertThatThrownBy(() -> KeyData.fromBlob(blob, strict))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WEAK_KEY));
    KeyPairLimits small = KeyPairLimits.builder().rsaBits(1024, 2047).build();
    assertThatThrownBy(() -> KeyData.fromBlob(blob, small))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_TOO_LARGE));
    assertThat(KeyData.fromBlob(blob)).isInstanceOf(RsaKeyData.class);
  }

  @Test
  void aRefusedKeyIsRefusedEveryTime() {
    BigInteger n = TestKeys.randomRsa(new Random(3), 2047).modulus().multiply(BigInteger.valueOf(241));
    byte[] blob = rsaBlob(n);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> KeyData.fromBlob(blob))
          .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WEAK_KEY))
          .hasMessageContaining("prime factor below 256");
    }
  }

  @Test
  void threadsDecodingKeysThatShareSlotsEachGetTheirOwnKey() throws Exception {
    Random random = new Random(4);
    BigInteger n = TestKeys.randomRsa(random, 2048).modulus();
    List<BigInteger> moduli = sameSlotModuli(n, 16, random);
    moduli.add(n);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          Random r = new Random(seed);
          for (int i = 0; i < 5_000; i++) {
            BigInteger m = moduli.get(r.nextInt(moduli.size()));
            assertThat(((RsaKeyData) KeyData.fromBlob(rsaBlob(m))).modulus()).isEqualTo(m);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void storesNeitherOverLongBlobsNorKeysWithoutArithmetic() {
    KeyPairLimits big = KeyPairLimits.builder().rsaBits(1024, 16384).build();
    byte[] blob = rsaBlob(TestKeys.randomRsa(new Random(5), 9000).modulus());
    assertThat(blob.length).isGreaterThan(ValidatedKeyCache.MAX_BLOB);
    KeyData key = KeyData.fromBlob(blob, big);
    assertThat(ValidatedKeyCache.get(blob, 0, blob.length, big)).isNull();
    assertThat(KeyData.fromBlob(blob, big)).isEqualTo(key).isNotSameAs(key);
    byte[] ed = KeyData.fromBlob(TestKeys.ed25519(6).blob().toByteArray()).blob().toByteArray();
    assertThat(ValidatedKeyCache.get(ed, 0, ed.length, KeyPairLimits.defaults())).isNull();
    byte[] ec = TestKeys.ecdsa(EcCurve.NISTP384, 7).blob().toByteArray();
    KeyData ecKey = KeyData.fromBlob(ec);
    assertThat(ValidatedKeyCache.get(ec, 0, ec.length, KeyPairLimits.defaults())).isSameAs(ecKey);
  }
}
