package dev.keypair.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyDataTest {

  static Stream<String> allFixtures() {
    return Stream.concat(Fixtures.PUBLIC_KEYS.stream(), Fixtures.CERTIFICATES.stream());
  }

  /** Bits and label as `ssh-keygen -l` printed them for the same file. */
  @ParameterizedTest
  @MethodSource("allFixtures")
  void bitsAndLabelMatchSshKeygen(String name) {
    KeyData key = TestKeys.fixtureKey(name);
    String line = Fixtures.line(name + ".l.sha256");
    assertThat(line).startsWith(key.bits() + " SHA256:").endsWith("(" + key.label() + ")");
    assertThat(key.algorithmName()).isEqualTo(Fixtures.line(name + ".pub").split(" ")[0]);
  }

  @ParameterizedTest
  @MethodSource("allFixtures")
  void blobIsKeptByteForByteAndReEncodesIdentically(String name) {
    byte[] blob = Base64.getDecoder().decode(Fixtures.line(name + ".pub").split(" ")[1]);
    KeyData key = KeyData.fromBlob(blob);
    assertThat(key.blob().toByteArray()).isEqualTo(blob);
    KeyData rebuilt = key;
    if (key instanceof RsaKeyData r) {
      rebuilt = RsaKeyData.of(r.publicExponent(), r.modulus());
    } else if (key instanceof EcdsaKeyData e) {
      rebuilt = EcdsaKeyData.of(e.curve(), e.x(), e.y());
    } else if (key instanceof Ed25519KeyData e) {
      rebuilt = Ed25519KeyData.of(e.keyBytes());
    } else if (key instanceof DsaKeyData d) {
      rebuilt = DsaKeyData.of(d.p(), d.q(), d.g(), d.y());
    }
    assertThat(rebuilt).isEqualTo(key).hasSameHashCodeAs(key);
  }

  @Test
  void jcaRoundTripForEveryJcaType() {
    for (String name : new String[] {"rsa2048", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519", "dsa1024"}) {
      KeyData key = TestKeys.fixtureKey(name);
      assertThat(KeyData.fromJca(key.toJcaPublicKey())).as(name).isEqualTo(key);
    }
  }

  @Test
  void jcaKeyOnAnotherCurveIsUnsupported() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
    assertThatThrownBy(() -> KeyData.fromJca(g.generateKeyPair().getPublic()))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM));
  }

  // --- RSA validation (HOSTILE 21) ---

  private static final BigInteger E = BigInteger.valueOf(65537);

  @Test
  void rsaRefusesEvenModulus() {
    BigInteger n = TestKeys.randomRsa(new Random(1), 2048).modulus().add(BigInteger.ONE);
    assertCode(() -> RsaKeyData.of(E, n), ErrorCode.INVALID_VALUE, "RSA modulus is even");
  }

  /** A decoded blob is checked on the modulus's bytes, a made key on the number: the same answers. */
  @Test
  void rsaFromBlobAnswersAsOfDoes() {
    Random random = new Random(11);
    KeyPairLimits limits = KeyPairLimits.builder().rsaBits(64, 8192).build();
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
      BigInteger n = new BigInteger(1 + random.nextInt(3000), random);
      BigInteger e = i % 7 == 0 ? n.add(BigInteger.valueOf(random.nextInt(5) - 2)).abs()
          : BigInteger.valueOf(random.nextInt(70_000));
      byte[] blob = new SshWireWriter(800).writeString("ssh-rsa").writeMpint(e).writeMpint(n).toByteArray();
      String viaOf = outcome(() -> RsaKeyData.of(e, n, limits));
      String viaBlob = outcome(() -> KeyData.fromBlob(blob, limits));
      assertThat(viaBlob).as("e=%s n=%s", e, n).isEqualTo(viaOf);
      accepted += viaOf.startsWith("ok") ? 1 : 0;
    }
    assertThat(accepted).isBetween(50, 2950);
  }

  /**
   * The modulus is not a final field: a thread that sees a key without it makes it again from the blob, so
   * every key, also one made by {@code RsaKeyData.of}, must know where its modulus stands in its blob.
   */
  @Test
  void rsaModulusIsMadeAgainFromTheBlobWhenAThreadDoesNotSeeIt() throws Exception {
    java.lang.reflect.Field field = RsaKeyData.class.getDeclaredField("n");
    field.setAccessible(true);
    Random random = new Random(8);
    for (int bits : new int[] {1024, 2048, 2049, 4096}) {
      for (BigInteger e : new BigInteger[] {BigInteger.valueOf(3), BigInteger.valueOf(65537),
          BigInteger.ONE.shiftLeft(100).add(BigInteger.ONE)}) {
        BigInteger n = TestKeys.randomRsa(random, bits).modulus();
        RsaKeyData viaOf = RsaKeyData.of(e, n);
        RsaKeyData viaBlob = (RsaKeyData) KeyData.fromBlob(viaOf.blob().toByteArray());
        for (RsaKeyData k : new RsaKeyData[] {viaOf, viaBlob}) {
          field.set(k, null);
          assertThat(k.modulus()).isEqualTo(n);
        }
      }
    }
  }

  private static String outcome(java.util.function.Supplier<KeyData> make) {
    try {
      RsaKeyData k = (RsaKeyData) make.get();
      return "ok " + k.modulus() + " " + k.bits() + " " + k.publicExponent() + " " + k.blob();
    } catch (KeyPairException ex) {
      return ex.code() + " " + ex.getMessage();
    }
  }

  @Test
  void rsaRefusesSmallFactor() {
    BigInteger n = TestKeys.randomRsa(new Random(2), 2047).modulus().multiply(BigInteger.valueOf(251));
    assertCode(() -> RsaKeyData.of(E, n), ErrorCode.WEAK_KEY, "prime factor below 256");
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 1023})
  void rsaRefusesModulusBelowTheFloor(int bits) {
    BigInteger n = TestKeys.randomRsa(new Random(3), 1024).modulus().shiftRight(1024 - bits).setBit(0);
    assertCode(() -> RsaKeyData.of(E, n), ErrorCode.WEAK_KEY, "under the minimum of 1024");
  }

  @Test
  void rsaRefusesModulusOverTheCapAndAcceptsTheCap() {
    BigInteger big = TestKeys.randomRsa(new Random(4), 16384).modulus();
    assertThat(RsaKeyData.of(E, big).bits()).isEqualTo(16384);
    BigInteger tooBig = BigInteger.ONE.shiftLeft(16384).add(big);
    assertCode(() -> RsaKeyData.of(E, tooBig), ErrorCode.KEY_TOO_LARGE, "16385 bits");
  }

  @Test
  void rsaRefusesBadExponents() {
    BigInteger n = TestKeys.randomRsa(new Random(5), 2048).modulus();
    assertCode(() -> RsaKeyData.of(BigInteger.ONE, n), ErrorCode.INVALID_VALUE, "odd and greater than 1");
    assertCode(() -> RsaKeyData.of(BigInteger.valueOf(65536), n), ErrorCode.INVALID_VALUE, "odd and greater than 1");
    assertCode(() -> RsaKeyData.of(n, n), ErrorCode.INVALID_VALUE, "not less than the modulus");
    assertCode(() -> RsaKeyData.of(n.add(BigInteger.TWO), n), ErrorCode.INVALID_VALUE, "not less than the modulus");
  }

  /** The same over-cap key gives the same code whatever format carries it (here: the SSH blob). */
  @Test
  void overCapModulusInABlobIsTooLarge() {
    BigInteger n = TestKeys.randomRsa(new Random(7), 16385).modulus();
    byte[] blob = new SshWireWriter().writeString("ssh-rsa").writeMpint(E).writeMpint(n).toByteArray();
    assertCode(() -> KeyData.fromBlob(blob), ErrorCode.KEY_TOO_LARGE, "has 16385 bits, over the limit of 16384 bits");
    KeyPairLimits small = KeyPairLimits.builder().rsaBits(1024, 2048).build();
    byte[] rsa3072 = TestKeys.fixtureKey("rsa3072").blob().toByteArray();
    assertCode(() -> KeyData.fromBlob(rsa3072, small), ErrorCode.KEY_TOO_LARGE, "over the limit of 2048 bits");
  }

  @Test
  void rsaLimitsAreConfigurable() {
    KeyPairLimits lax = KeyPairLimits.builder().rsaBits(512, 16384).build();
    BigInteger n512 = TestKeys.randomRsa(new Random(6), 512).modulus();
    assertThat(RsaKeyData.of(E, n512, lax).bits()).isEqualTo(512);
    KeyPairLimits strict = KeyPairLimits.builder().rsaBits(2048, 4096).build();
    byte[] blob = TestKeys.fixtureKey("rsa1024").blob().toByteArray();
    assertCode(() -> KeyData.fromBlob(blob, strict), ErrorCode.WEAK_KEY, "under the minimum of 2048");
  }

  // --- ECDSA validation (HOSTILE 23) ---

  @Test
  void ecdsaRefusesOffCurvePoint() {
    EcdsaKeyData k = (EcdsaKeyData) TestKeys.fixtureKey("ecdsa256");
    byte[] q = k.point();
    q[q.length - 1] ^= 1;
    assertCode(() -> EcdsaKeyData.of(EcCurve.NISTP256, q), ErrorCode.INVALID_VALUE, "is not on the curve");
    assertCode(() -> KeyData.fromBlob(ecBlob("ecdsa-sha2-nistp256", "nistp256", q)), ErrorCode.INVALID_VALUE,
        "not on the curve");
  }

  @Test
  void ecdsaRefusesInfinityCompressedAndWrongLengths() {
    EcdsaKeyData k = (EcdsaKeyData) TestKeys.fixtureKey("ecdsa256");
    byte[] q = k.point();
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (q[64] % 2 == 0 ? 2 : 3);
    System.arraycopy(q, 1, compressed, 1, 32);
    assertCode(() -> EcdsaKeyData.of(EcCurve.NISTP256, new byte[] {0}), ErrorCode.INVALID_VALUE, "infinity");
    assertCode(() -> EcdsaKeyData.of(EcCurve.NISTP256, new byte[0]), ErrorCode.INVALID_VALUE, "infinity");
    assertCode(() -> EcdsaKeyData.of(EcCurve.NISTP256, compressed), ErrorCode.INVALID_VALUE, "compressed");
    assertCode(() -> EcdsaKeyData.of(EcCurve.NISTP384, q), ErrorCode.INVALID_VALUE, "is 65 bytes, not 97");
  }

  @Test
  void ecdsaRefusesCoordinateNotBelowP() {
    EcCurve c = EcCurve.NISTP256;
    BigInteger p = c.jcaParameterSpec().getCurve().getField() instanceof java.security.spec.ECFieldFp fp
        ? fp.getP() : null;
    EcdsaKeyData k = (EcdsaKeyData) TestKeys.fixtureKey("ecdsa256");
    // x + p has the same residue, so the equation would hold mod p; it must be refused for its size
    byte[] q = new byte[65];
    q[0] = 4;
    byte[] xp = k.x().add(p).toByteArray();
    if (xp.length <= 32 || (xp.length == 33 && xp[0] == 0)) {
      int len = Math.min(32, xp.length);
      System.arraycopy(xp, xp.length - len, q, 1 + 32 - len, len);
      System.arraycopy(k.point(), 33, q, 33, 32);
      assertCode(() -> EcdsaKeyData.of(c, q), ErrorCode.INVALID_VALUE, "not below the field prime");
    }
    byte[] pPoint = k.point();
    byte[] pBytes = p.toByteArray();
    System.arraycopy(pBytes, pBytes.length - 32, pPoint, 1, 32);
    assertCode(() -> EcdsaKeyData.of(c, pPoint), ErrorCode.INVALID_VALUE, "not below the field prime");
  }

  @Test
  void ecdsaCurveMustMatchTheType() {
    EcdsaKeyData k384 = (EcdsaKeyData) TestKeys.fixtureKey("ecdsa384");
    assertCode(() -> KeyData.fromBlob(ecBlob("ecdsa-sha2-nistp256", "nistp384", k384.point())),
        ErrorCode.TYPE_MISMATCH, "curve nistp384 inside a ecdsa-sha2-nistp256 key");
    assertCode(() -> KeyData.fromBlob(ecBlob("ecdsa-sha2-nistp256", "nistp999", k384.point())),
        ErrorCode.UNSUPPORTED_ALGORITHM, "unknown ECDSA curve");
  }

  @Test
  void curveConstantsAgreeWithTheJdk() throws Exception {
    for (EcCurve c : EcCurve.values()) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(c.standardName()));
      KeyData k = KeyData.fromJca(g.generateKeyPair().getPublic()); // the point passes our curve equation
      assertThat(k.bits()).isEqualTo(c.bits());
      assertThat(((EcdsaKeyData) k).point()).hasSize(c.uncompressedPointLength());
    }
  }

  // --- Ed25519 (HOSTILE 25) ---

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33, 64, 65, 1000})
  void ed25519MustBe32Bytes(int length) {
    assertCode(() -> Ed25519KeyData.of(new byte[length]), ErrorCode.INVALID_VALUE, length + " bytes, not 32");
    byte[] blob = new SshWireWriter().writeString("ssh-ed25519").writeString(new byte[length]).toByteArray();
    assertCode(() -> KeyData.fromBlob(blob), ErrorCode.INVALID_VALUE, "not 32");
  }

  // --- structure ---

  @Test
  void trailingDataAfterTheKeyIsRefused() {
    byte[] blob = TestKeys.fixtureKey("ed25519").blob().toByteArray();
    byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 1);
    assertCode(() -> KeyData.fromBlob(longer), ErrorCode.FORMAT, "1 unexpected trailing bytes");
  }

  @Test
  void anEmptyAlgorithmNameIsRefused() {
    byte[] blob = new SshWireWriter().writeString("").writeString(new byte[32]).toByteArray();
    assertCode(() -> KeyData.fromBlob(blob), ErrorCode.FORMAT, "field 'key type' at offset 0 is empty");
  }

  @Test
  void unknownAlgorithmsAreKeptOpaque() {
    byte[] blob = new SshWireWriter().writeString("ssh-ed448").writeString(new byte[57]).toByteArray();
    KeyData k = KeyData.fromBlob(blob);
    assertThat(k).isInstanceOf(OpaqueKeyData.class);
    assertThat(k.type()).isEqualTo(KeyType.UNKNOWN);
    assertThat(k.algorithmName()).isEqualTo("ssh-ed448");
    assertThat(k.blob().toByteArray()).isEqualTo(blob);
    assertThat(k.bits()).isZero();
    assertCode(k::toJcaPublicKey, ErrorCode.UNSUPPORTED_ALGORITHM, "no JCA representation");
  }

  @Test
  void securityKeysParse() {
    EcdsaKeyData ec = (EcdsaKeyData) TestKeys.fixtureKey("ecdsa256");
    byte[] skEc = new SshWireWriter().writeString("sk-ecdsa-sha2-nistp256@openssh.com").writeString("nistp256")
        .writeString(ec.point()).writeString("ssh:").toByteArray();
    SkEcdsaKeyData k = (SkEcdsaKeyData) KeyData.fromBlob(skEc);
    assertThat(k.application()).isEqualTo("ssh:");
    assertThat(k.ecdsaKey().point()).isEqualTo(ec.point());
    assertThat(k.label()).isEqualTo("ECDSA-SK");
    assertThat(SkEcdsaKeyData.of(ec.point(), "ssh:")).isEqualTo(k);
    byte[] pk = ((Ed25519KeyData) TestKeys.fixtureKey("ed25519")).keyBytes();
    byte[] skEd = new SshWireWriter().writeString("sk-ssh-ed25519@openssh.com").writeString(pk)
        .writeString("ssh:").toByteArray();
    SkEd25519KeyData e = (SkEd25519KeyData) KeyData.fromBlob(skEd);
    assertThat(e.label()).isEqualTo("ED25519-SK");
    assertThat(e.bits()).isEqualTo(256);
    assertThat(SkEd25519KeyData.of(pk, "ssh:")).isEqualTo(e);
  }

  private static byte[] ecBlob(String type, String curve, byte[] q) {
    return new SshWireWriter().writeString(type).writeString(curve).writeString(q).toByteArray();
  }

  static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code,
      String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(messagePart);
  }
}
