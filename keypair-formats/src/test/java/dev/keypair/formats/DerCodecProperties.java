package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.DsaKeyData;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.RsaKeyData;
import dev.keypair.formats.internal.Der;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Totality of this codec family on arbitrary input. The round trips, on the testkit's keys, are
 * keypair-testkit's {@code DerCodecRoundTripProperties}.
 */
class DerCodecProperties {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  /** Keys of every type a SubjectPublicKeyInfo holds, whose encodings seed {@link #derish()}. */
  private static Arbitrary<KeyData> spkiKeys() {
    Arbitrary<KeyData> fromPool = TestKeys.keyData().filter(k -> k instanceof RsaKeyData
        || k instanceof EcdsaKeyData || k instanceof Ed25519KeyData || k instanceof DsaKeyData);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, fromPool), net.jqwik.api.Tuple.of(1, dsaKeys()));
  }

  /** DSA keys with the fixture's domain parameters and a random y in (1, p). */
  private static Arbitrary<KeyData> dsaKeys() {
    DsaKeyData base = (DsaKeyData) TestKeys.fixtureKey("dsa1024");
    return Arbitraries.bigIntegers().between(BigInteger.TWO, base.p().subtract(BigInteger.ONE))
        .map(y -> DsaKeyData.of(base.p(), base.q(), base.g(), y));
  }

  // --- totality: every decoder returns or throws KeyPairException, on anything

  @Property(tries = 3000)
  void spkiDecoderIsTotal(@ForAll("derish") byte[] der) {
    returnsOrThrowsKeyPairException(() -> {
      KeyData key = SubjectPublicKeyInfo.decode(der, LIMITS);
      assertThat(SubjectPublicKeyInfo.decode(SubjectPublicKeyInfo.encode(key))).isEqualTo(key);
    });
  }

  @Property(tries = 2000)
  void derBase64DecoderIsTotal(@ForAll("textish") byte[] text) {
    returnsOrThrowsKeyPairException(() -> DerBase64.parse(text, LIMITS));
  }

  @Property(tries = 2000)
  void pemDecoderIsTotal(@ForAll("pemish") byte[] text) {
    returnsOrThrowsKeyPairException(() -> PemPublicKeys.parse(text, LIMITS));
  }

  @Property(tries = 1000)
  void pkcs1DecoderIsTotal(@ForAll("derish") byte[] der) {
    returnsOrThrowsKeyPairException(() -> Pkcs1.decodeRsaPublicKey(der, LIMITS));
  }

  /** Runs a decoder: it may return, or throw {@link KeyPairException} with a one-line message; nothing else. */
  private static void returnsOrThrowsKeyPairException(Runnable decode) {
    try {
      decode.run();
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  /** Arbitrary bytes, and DER made of the right pieces in random shapes, which gets past the first checks. */
  @Provide
  Arbitrary<byte[]> derish() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> leaf = Arbitraries.oneOf(
        Arbitraries.of("1.2.840.113549.1.1.1", "1.2.840.10045.2.1", "1.3.101.112", "1.2.840.10040.4.1",
            "1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35", "1.3.101.110", "1.2.3").map(Der::oid),
        Arbitraries.bigIntegers().between(BigInteger.valueOf(-300), BigInteger.ONE.shiftLeft(1100)).map(Der::integer),
        Arbitraries.just(Der.nul()),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(70).map(Der::bitString),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(70).map(Der::octetString));
    Arbitrary<byte[]> seq1 = leaf.list().ofMaxSize(4).map(l -> Der.sequence(l.toArray(new byte[0][])));
    Arbitrary<byte[]> keyish = Arbitraries.oneOf(leaf, seq1).list().ofMaxSize(3)
        .map(l -> Der.bitString(Der.sequence(l.toArray(new byte[0][]))));
    Arbitrary<byte[]> seq2 = Arbitraries.oneOf(leaf, seq1, keyish).list().ofMaxSize(4)
        .map(l -> Der.sequence(l.toArray(new byte[0][])));
    Arbitrary<byte[]> spkiShaped = Combinators.combine(seq1, Arbitraries.oneOf(leaf, keyish))
        .as((alg, key) -> Der.sequence(alg, key));
    Arbitrary<byte[]> real = spkiKeys().map(SubjectPublicKeyInfo::encode);
    return Arbitraries.oneOf(raw, seq2, spkiShaped, real);
  }

  @Provide
  Arbitrary<byte[]> textish() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> b64 = derish().map(d -> Base64.getMimeEncoder().encode(d));
    Arbitrary<byte[]> b64chars = Arbitraries.strings().withChars("ABCz09+/= \r\n\t").ofMaxLength(200)
        .map(s -> s.getBytes(StandardCharsets.US_ASCII));
    return Arbitraries.oneOf(raw, b64, b64chars);
  }

  @Provide
  Arbitrary<byte[]> pemish() {
    Arbitrary<String> labels = Arbitraries.of("PUBLIC KEY", "RSA PUBLIC KEY", "PRIVATE KEY", "X");
    Arbitrary<byte[]> armored = Combinators.combine(labels, derish())
        .as((label, der) -> PemBlocks.encodeBytes(label, der.length == 0 ? new byte[] {0} : der));
    Arbitrary<byte[]> mangled = Combinators.combine(armored, Arbitraries.integers().between(0, 10_000),
        Arbitraries.bytes()).as((b, at, v) -> {
          byte[] c = b.clone();
          c[at % c.length] = v;
          return c;
        });
    return Arbitraries.oneOf(armored, mangled, textish());
  }
}
