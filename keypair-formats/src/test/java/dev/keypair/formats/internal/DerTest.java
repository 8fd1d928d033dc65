package dev.keypair.formats.internal;

import static dev.keypair.formats.Hostile.assertFails;
import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.Hostile;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict DER reader and writer, against hand-made encodings and BouncyCastle as the oracle. */
class DerTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  private static Der.Reader reader(String hex) {
    return Der.reader(HEX.parseHex(hex), LIMITS, "test");
  }

  private static Der.Reader reader(byte[] der) {
    return Der.reader(der, LIMITS, "test");
  }

  // --- positive INTEGERs as bytes

  /** {@link Der.Reader#positiveIntegerBytes} refuses what {@code positiveInteger} refuses, and gives its bytes. */
  @ParameterizedTest
  @ValueSource(strings = {"020101", "02017f", "02020080", "020200ff", "0203010000", "020100", "0201ff", "020180",
      "0202ff7f", "02020000", "0202007f", "0202ff80", "0200", "0201", "0302007f", "02820100" + "01", "3000",
      "0202008002017f"})
  void positiveIntegerBytesAgreesWithPositiveInteger(String hex) {
    Object expected = integerOutcome(() -> reader(hex).positiveInteger("f").toByteArray());
    Object actual = integerOutcome(() -> reader(hex).positiveIntegerBytes("f"));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void positiveIntegerBytesAgreesWithPositiveIntegerOnRandomValuesAndLeavesTheReaderAfterIt() throws IOException {
    java.util.Random random = new java.util.Random(5208);
    for (int run = 0; run < 2_000; run++) {
      BigInteger v = new BigInteger(random.nextInt(2100), random);
      v = random.nextInt(4) == 0 ? v.negate() : v;
      byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(v), new ASN1Integer(7)})
          .getEncoded(ASN1Encoding.DER);
      Object expected = integerOutcome(() -> reader(der).sequence("s").positiveInteger("f").toByteArray());
      Object actual = integerOutcome(() -> reader(der).sequence("s").positiveIntegerBytes("f"));
      assertThat(actual).isEqualTo(expected);
      if (v.signum() > 0) {
        Der.Reader seq = reader(der).sequence("s");
        assertThat(seq.positiveIntegerBytes("f")).isEqualTo(v.toByteArray());
        assertThat(seq.integer("g")).isEqualTo(BigInteger.valueOf(7));
      }
    }
  }

  /** The bytes as hex, or the error's code and message. */
  private static Object integerOutcome(java.util.function.Supplier<byte[]> read) {
    KeyPairException e = org.assertj.core.api.Assertions.catchThrowableOfType(read::get, KeyPairException.class);
    return e == null ? HEX.formatHex(read.get()) : e.code() + ": " + e.getMessage();
  }

  // --- lengths

  @Test
  void shortAndLongFormLengths() {
    assertThat(reader("0400").octetString("f")).isEmpty();
    assertThat(reader("04017f").octetString("f")).containsExactly(0x7f);
    byte[] b128 = new byte[128];
    assertThat(reader("048180" + HEX.formatHex(b128)).octetString("f")).hasSize(128);
    byte[] b256 = new byte[256];
    assertThat(reader("04820100" + HEX.formatHex(b256)).octetString("f")).hasSize(256);
  }

  @Test
  void longFormBelow128IsNotMinimal() {
    KeyPairException e = assertFails(ErrorCode.FORMAT, () -> reader("0481057f7f7f7f7f").octetString("f"));
    assertThat(e.getMessage()).contains("test: field 'f' at offset 0").contains("below 128");
  }

  @Test
  void lengthWithLeadingZeroOctetIsNotMinimal() {
    assertThat(assertFails(ErrorCode.FORMAT, () -> reader("04820080" + "00".repeat(128)).octetString("f"))
        .getMessage()).contains("leading zero");
  }

  @Test
  void indefiniteLengthIsRefused() {
    assertThat(assertFails(ErrorCode.FORMAT, () -> reader("30800000").sequence("f")).getMessage())
        .contains("indefinite");
  }

  @Test
  void lengthOfMoreThanFourOctetsIsRefused() {
    assertFails(ErrorCode.FORMAT, () -> reader("0485010000000000").octetString("f"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0401", "040200", "04810100", "0481", "04", "0482ff", "30820100"})
  void lengthPastTheEndIsRefusedBeforeAllocating(String hex) {
    assertFails(ErrorCode.FORMAT, () -> reader(hex).octetString("f"));
  }

  /** HOSTILE 6: a long-form length of 2^31-1 with a handful of bytes left. */
  @Test
  void hugeLongFormLengthIsFormatWithoutAllocation() {
    // 30 06 { 02 84 7fffffff } : the outer length is right, the INTEGER's is absurd
    KeyPairException e = assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT,
        () -> reader("3006" + "02847fffffff").sequence("outer").integer("n"));
    assertThat(e.getMessage()).contains("field 'n' at offset 2").contains("2147483647");
    // 0xffffffff does not turn negative
    Der.Reader seq2 = reader("3006" + "0284ffffffff").sequence("outer");
    assertFails(ErrorCode.FORMAT, () -> seq2.integer("n"));
    Der.Reader seq3 = reader("3006" + "048480000000").sequence("outer");
    assertFails(ErrorCode.FORMAT, () -> seq3.octetString("n"));
  }

  /** HOSTILE 6: the JSch #563 payload as a whole DER input. */
  @Test
  void jschPayloadIsFormat() {
    byte[] der = Base64.getDecoder().decode("MIICWgIBAAKEf////w==");
    assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT, () -> reader(der).sequence("RSAPrivateKey"));
  }

  // --- tags

  @Test
  void wrongTagNamesBothTags() {
    KeyPairException e = assertFails(ErrorCode.FORMAT, () -> reader("0500").sequence("algorithm"));
    assertThat(e.getMessage()).isEqualTo("test: field 'algorithm' at offset 0 is NULL, expected SEQUENCE");
  }

  @Test
  void highTagNumberFormIsRefused() {
    assertFails(ErrorCode.FORMAT, () -> reader("1f0100").skip("f"));
    assertFails(ErrorCode.FORMAT, () -> reader("bf0100").constructed(0xbf, "f"));
  }

  @Test
  void constructedBitStringIsRefused() {
    // BER allows a constructed BIT STRING (0x23), DER does not
    assertFails(ErrorCode.FORMAT, () -> reader("2304030200ff").bitString("key"));
  }

  @Test
  void missingElementIsFormat() {
    Der.Reader seq = reader("3000").sequence("outer");
    assertThat(assertFails(ErrorCode.FORMAT, () -> seq.integer("n")).getMessage())
        .contains("field 'n' at offset 2 is missing");
  }

  @Test
  void contextTags() {
    Der.Reader r = reader("a003020105" + "8101ff");
    assertThat(r.peekTag()).isEqualTo(Der.contextConstructed(0));
    assertThat(r.constructed(Der.contextConstructed(0), "version").integer("v")).isEqualTo(5);
    assertThat(r.primitive(Der.contextPrimitive(1), "flag")).containsExactly(0xff);
    r.end();
    assertThat(Der.constructed(Der.contextConstructed(0), Der.integer(5))).isEqualTo(HEX.parseHex("a003020105"));
    assertThatThrownBy(() -> Der.contextConstructed(31)).isInstanceOf(IllegalArgumentException.class);
  }

  // --- INTEGER

  @ParameterizedTest
  @ValueSource(strings = {"020100:0", "02017f:127", "02020080:128", "0201ff:-1", "020180:-128", "0202ff7f:-129",
      "020300ffff:65535"})
  void minimalIntegers(String spec) {
    String[] f = spec.split(":");
    assertThat(reader(f[0]).integer("n")).isEqualTo(new BigInteger(f[1]));
    assertThat(Der.integer(new BigInteger(f[1]))).isEqualTo(HEX.parseHex(f[0]));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0200", "0202007f", "02020000", "0202ff80", "0202ffff", "0203000080"})
  void nonMinimalOrEmptyIntegersAreFormat(String hex) {
    assertFails(ErrorCode.FORMAT, () -> reader(hex).integer("n"));
  }

  @Test
  void positiveIntegerRefusesZeroAndNegativeAsInvalidValue() {
    assertThat(assertFails(ErrorCode.INVALID_VALUE, () -> reader("020100").positiveInteger("modulus")).getMessage())
        .contains("'modulus'").contains("zero");
    assertThat(assertFails(ErrorCode.INVALID_VALUE, () -> reader("020180").positiveInteger("modulus")).getMessage())
        .contains("negative");
    assertThat(reader("020101").positiveInteger("e")).isEqualTo(1);
  }

  @Test
  void smallInteger() {
    assertThat(reader("020101").smallInteger("version", 1)).isEqualTo(1);
    assertFails(ErrorCode.FORMAT, () -> reader("020102").smallInteger("version", 1));
    assertFails(ErrorCode.FORMAT, () -> reader("0201ff").smallInteger("version", 1));
    assertFails(ErrorCode.FORMAT, () -> reader("020900ffffffffffffffff").smallInteger("version", 1));
  }

  // --- NULL, OCTET STRING, BIT STRING

  @Test
  void nullMustBeEmpty() {
    reader("0500").nul("params");
    assertFails(ErrorCode.FORMAT, () -> reader("050100").nul("params"));
    assertThat(Der.nul()).isEqualTo(HEX.parseHex("0500"));
  }

  @Test
  void bitStringForKeysHasNoUnusedBits() {
    assertThat(reader("030300abcd").bitString("key")).containsExactly(0xab, 0xcd);
    assertThat(reader("030100").bitString("key")).isEmpty();
    assertThat(assertFails(ErrorCode.FORMAT, () -> reader("030304abc0").bitString("key")).getMessage())
        .contains("4 unused bits");
    assertFails(ErrorCode.FORMAT, () -> reader("0300").bitString("key"));
    assertThat(Der.bitString(new byte[] {(byte) 0xab})).isEqualTo(HEX.parseHex("030200ab"));
  }

  @Test
  void wrappedDerInBitAndOctetStrings() {
    Der.Reader in = reader("0304" + "00020105").bitStringContent("key");
    assertThat(in.integer("n")).isEqualTo(5);
    in.end();
    Der.Reader in2 = reader("0403020107").octetStringContent("key");
    assertThat(in2.integer("n")).isEqualTo(7);
    Der.Reader in3 = reader("0305" + "0002010500").bitStringContent("key");
    in3.integer("n");
    assertThat(assertFails(ErrorCode.FORMAT, in3::end).getMessage())
        .isEqualTo("test: 1 trailing bytes at offset 6, after the last field of an element");
  }

  // --- OBJECT IDENTIFIER

  @ParameterizedTest
  @ValueSource(strings = {"1.2.840.113549.1.1.1", "1.2.840.10045.2.1", "1.3.101.112", "1.2.840.10040.4.1",
      "0.0", "0.39", "1.39", "2.0", "2.39", "2.40", "2.999", "2.999.1", "1.3.6.1.4.1.311.21.20",
      "2.25.329800735698586629295641978511506172918", "1.2.9223372036854775807", "1.2.9223372036854775808",
      // the last arcs of 8 octets (2^56 - 1, read as a long) and the first of 9 (2^56, read as a BigInteger)
      "1.2.72057594037927935", "1.2.72057594037927936", "2.72057594037927855", "2.72057594037927856"})
  void oidsRoundTripAndMatchBouncyCastle(String oid) throws IOException {
    byte[] ours = Der.oid(oid);
    assertThat(ours).isEqualTo(new ASN1ObjectIdentifier(oid).getEncoded(ASN1Encoding.DER));
    assertThat(reader(ours).oid("oid")).isEqualTo(oid);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0600", "06028001", "060180", "0601ff", "06022a86"})
  void malformedOidsAreFormat(String hex) {
    // empty, leading 0x80 in an arc (twice), unterminated last arc (twice)
    assertFails(ErrorCode.FORMAT, () -> reader(hex).oid("oid"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "3.1", "1.40", "0.40", "1..2", "1.02", "1.2.", "a.b", "-1.2"})
  void writingRefusesNonOids(String oid) {
    assertThatThrownBy(() -> Der.oid(oid)).isInstanceOf(IllegalArgumentException.class);
  }

  // --- structure

  @Test
  void trailingBytesAfterTheOutermostElement() {
    Der.Reader r = reader("300000");
    r.sequence("outer");
    assertThat(assertFails(ErrorCode.FORMAT, r::end).getMessage())
        .isEqualTo("test: 1 trailing bytes at offset 2, after the outermost element");
  }

  @Test
  void decodeChecksTheSizeFirstAndRefusesTrailingBytes() {
    KeyPairLimits small = KeyPairLimits.builder().maxInputBytes(4).build();
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> Der.decode(HEX.parseHex("0403000000"), small, "test",
        r -> r.octetString("f")));
    byte[] content = Der.decode(HEX.parseHex("04020000"), small, "test", r -> r.octetString("f"));
    assertThat(content).hasSize(2);
    assertFails(ErrorCode.FORMAT, () -> Der.decode(HEX.parseHex("040100" + "00"), LIMITS, "test",
        r -> r.octetString("f")));
  }

  @Test
  void skipDoesNotLookInside() {
    Der.Reader r = reader("3003" + "ffffff" + "0500");
    assertThat(r.skip("any")).isEqualTo(Der.SEQUENCE);
    r.nul("next");
    r.end();
  }

  /** The depth cap: descending one level per SEQUENCE stops at maxAsn1Depth with RESOURCE_LIMIT. */
  @Test
  void depthIsCappedAtTheLimit() {
    KeyPairLimits limits = KeyPairLimits.builder().maxAsn1Depth(8).build();
    Der.Reader ok = Der.reader(Hostile.nestedSequences(8), limits, "test");
    for (int i = 0; i < 8; i++) {
      ok = ok.sequence("level " + i);
    }
    ok.end();
    KeyPairException e = assertFails(ErrorCode.RESOURCE_LIMIT, () -> {
      Der.Reader r = Der.reader(Hostile.nestedSequences(9), limits, "test");
      for (int i = 0; i < 9; i++) {
        r = r.sequence("level " + i);
      }
    });
    assertThat(e.getMessage()).contains("limit of 8");
  }

  /** HOSTILE 7: 5000 nested SEQUENCEs, walked by a generic descent, stop at the default cap of 16. */
  @Test
  void fiveThousandDeepSequenceStopsAtTheCapQuickly() {
    byte[] deep = Hostile.nestedSequences(5000);
    assertFailsWithin(Duration.ofMillis(100), ErrorCode.RESOURCE_LIMIT, () -> {
      Der.Reader r = reader(deep);
      while (r.peekTag() == Der.SEQUENCE) {
        r = r.sequence("nested");
      }
    });
  }

  @Test
  void bitAndOctetStringWrappersCountAsLevels() {
    KeyPairLimits limits = KeyPairLimits.builder().maxAsn1Depth(4).build();
    // SEQUENCE { BIT STRING { SEQUENCE { OCTET STRING { SEQUENCE {} } } } }: 5 levels
    byte[] der = Der.sequence(Der.bitString(Der.sequence(Der.octetString(Der.sequence()))));
    assertFails(ErrorCode.RESOURCE_LIMIT, () -> Der.reader(der, limits, "test").sequence("1")
        .bitStringContent("2").sequence("3").octetStringContent("4").sequence("5"));
  }

  // --- the writer against BouncyCastle

  @Property(tries = 500)
  void integersMatchBouncyCastle(@ForAll("integers") BigInteger v) throws IOException {
    byte[] ours = Der.integer(v);
    assertThat(ours).isEqualTo(new ASN1Integer(v).getEncoded(ASN1Encoding.DER));
    Der.Reader r = reader(ours);
    assertThat(r.integer("n")).isEqualTo(v);
    r.end();
  }

  @Property(tries = 300)
  void lengthsMatchBouncyCastle(@ForAll @IntRange(min = 0, max = 70_000) int size) throws IOException {
    byte[] content = new byte[size];
    if (size > 0) {
      content[size / 2] = 1;
    }
    byte[] ours = Der.octetString(content);
    assertThat(ours).isEqualTo(new DEROctetString(content).getEncoded(ASN1Encoding.DER));
    assertThat(reader(ours).octetString("f")).isEqualTo(content);
    byte[] bits = Der.bitString(content);
    assertThat(bits).isEqualTo(new DERBitString(content).getEncoded(ASN1Encoding.DER));
    assertThat(reader(bits).bitString("f")).isEqualTo(content);
  }

  @Property(tries = 300)
  void oidsMatchBouncyCastle(@ForAll("oids") String oid) throws IOException {
    byte[] ours = Der.oid(oid);
    assertThat(ours).isEqualTo(new ASN1ObjectIdentifier(oid).getEncoded(ASN1Encoding.DER));
    assertThat(reader(ours).oid("oid")).isEqualTo(oid);
  }

  @Test
  void sequencesMatchBouncyCastle() throws IOException {
    byte[] ours = Der.sequence(Der.integer(1), Der.nul(), Der.sequence());
    byte[] bc = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1),
        org.bouncycastle.asn1.DERNull.INSTANCE, new DERSequence()}).getEncoded(ASN1Encoding.DER);
    assertThat(ours).isEqualTo(bc);
  }

  @Provide
  Arbitrary<BigInteger> integers() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.valueOf(-70000), BigInteger.valueOf(70000)),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600).map(BigInteger::new),
        Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(-1), BigInteger.valueOf(127),
            BigInteger.valueOf(128), BigInteger.valueOf(-128), BigInteger.valueOf(-129), BigInteger.valueOf(255),
            BigInteger.valueOf(256), BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE)));
  }

  @Provide
  Arbitrary<String> oids() {
    Arbitrary<Long> arc = Arbitraries.oneOf(Arbitraries.longs().between(0, 200), Arbitraries.longs().greaterOrEqual(0));
    return Arbitraries.integers().between(0, 2).flatMap(first -> {
      Arbitrary<Long> second = first < 2 ? Arbitraries.longs().between(0, 39) : arc;
      return net.jqwik.api.Combinators.combine(second, arc.list().ofMaxSize(8))
          .as((s, rest) -> {
            StringBuilder sb = new StringBuilder().append(first).append('.').append(s);
            for (Long a : rest) {
              sb.append('.').append(a);
            }
            return sb.toString();
          });
    });
  }

  /** Reading never throws anything but KeyPairException, whatever the bytes and whatever is asked. */
  @Property(tries = 3000)
  void readerIsTotal(@ForAll byte[] bytes, @ForAll("operations") List<Integer> ops) {
    Der.Reader r = Der.reader(bytes, LIMITS, "test");
    try {
      for (int op : ops) {
        switch (op) {
          case 0:
            r = r.sequence("f");
            break;
          case 1:
            r.integer("f");
            break;
          case 2:
            r.oid("f");
            break;
          case 3:
            r.nul("f");
            break;
          case 4:
            r.bitString("f");
            break;
          case 5:
            r = r.bitStringContent("f");
            break;
          case 6:
            r.octetString("f");
            break;
          case 7:
            r.skip("f");
            break;
          default:
            r.end();
        }
      }
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<List<Integer>> operations() {
    return Arbitraries.integers().between(0, 8).list().ofMinSize(1).ofMaxSize(12);
  }
}
