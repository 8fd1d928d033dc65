package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.DsaKeyData;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.DerBase64;
import dev.keypair.formats.PemPublicKeys;
import dev.keypair.formats.SubjectPublicKeyInfo;
import dev.keypair.testkit.SshKeys;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Round trips of the DER codec family (SubjectPublicKeyInfo, PEM, PKCS#1, Base64 DER) for every key type, on
 * the testkit's keys, the fixtures and DSA keys. Their totality on arbitrary input is keypair-formats'
 * {@code DerCodecProperties}.
 */
class DerCodecRoundTripProperties {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  @Property(tries = 300)
  void spkiRoundTrip(@ForAll("spkiKeys") KeyData key) throws Exception {
    byte[] der = SubjectPublicKeyInfo.encode(key);
    assertThat(SubjectPublicKeyInfo.decode(der)).isEqualTo(key);
    // the JDK, as an independent reader, sees the same key in our DER
    String alg = key.toJcaPublicKey().getAlgorithm();
    assertThat(KeyData.fromJca(KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der))))
        .isEqualTo(key);
  }

  @Property(tries = 200)
  void pemSpkiRoundTrip(@ForAll("spkiKeys") KeyData key) {
    String pem = PemPublicKeys.encodeSpkiToString(key);
    assertThat(PemPublicKeys.parse(pem).keyData()).isEqualTo(key);
    assertThat(PemPublicKeys.parse(pem.replace("\n", "\r\n")).keyData()).isEqualTo(key);
  }

  @Property(tries = 200)
  void pemPkcs1RoundTrip(@ForAll("rsaKeys") KeyData key) {
    assertThat(PemPublicKeys.parse(PemPublicKeys.encodePkcs1ToString(key)).keyData()).isEqualTo(key);
  }

  @Property(tries = 200)
  void derBase64RoundTrip(@ForAll("spkiKeys") KeyData key) {
    String b64 = DerBase64.encodeToString(key);
    assertThat(b64).doesNotContain("\n");
    assertThat(DerBase64.parse(b64.getBytes(StandardCharsets.US_ASCII), LIMITS).keyData()).isEqualTo(key);
  }

  /** Every type a SubjectPublicKeyInfo holds: the testkit's keys, the RSA and DSA fixtures, random DSA keys. */
  @Provide
  Arbitrary<KeyData> spkiKeys() {
    Arbitrary<KeyData> keys = KeysAndFixtures.publicKeys().map(SshPublicKey::keyData).filter(k -> !k.isCertificate());
    return Arbitraries.frequencyOf(Tuple.of(9, keys), Tuple.of(1, dsaKeys()));
  }

  /** The pool's RSA keys and the 1024- and 2049-bit fixtures. */
  @Provide
  Arbitrary<KeyData> rsaKeys() {
    Arbitrary<KeyData> pool = SshKeys.publicKeys().ofTypes(KeyType.RSA).withoutComments().map(SshPublicKey::keyData);
    return Arbitraries.frequencyOf(Tuple.of(9, pool),
        Tuple.of(1, Arbitraries.of("rsa1024", "rsa2049").map(TestKeys::fixtureKey)));
  }

  /** DSA keys with the fixture's domain parameters and a random y in (1, p). */
  private static Arbitrary<KeyData> dsaKeys() {
    DsaKeyData base = (DsaKeyData) TestKeys.fixtureKey("dsa1024");
    return Arbitraries.bigIntegers().between(BigInteger.TWO, base.p().subtract(BigInteger.ONE))
        .map(y -> DsaKeyData.of(base.p(), base.q(), base.g(), y));
  }
}
