package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import dev.keypair.testsupport.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Base64 of the DER SubjectPublicKeyInfo, the AWS ImportKeyPair form. */
class DerBase64Test {

  static final List<String> SPKI_KEYS = Fixtures.SPKI_KEYS;

  private static KeyData parse(String text) {
    return DerBase64.parse(text.getBytes(StandardCharsets.ISO_8859_1)).keyData();
  }

  @ParameterizedTest
  @FieldSource("SPKI_KEYS")
  void fixtureRoundTripsByteForByte(String name) {
    String text = Fixtures.text(name + ".der.b64"); // one line with its newline, as base64 -w0; echo wrote it
    KeyData key = parse(text);
    assertThat(key).isEqualTo(TestKeys.fixtureKey(name));
    assertThat(DerBase64.encodeToString(key)).isEqualTo(Fixtures.line(name + ".der.b64"));
  }

  @Test
  void opensslEd25519Fixture() {
    KeyData key = parse(Fixtures.text("ed25519_openssl.der.b64"));
    assertThat(((Ed25519KeyData) key).keyBytes())
        .isEqualTo(HexFormat.of().parseHex(Fixtures.line("ed25519_openssl.raw.hex")));
    assertThat(DerBase64.encodeToString(key)).isEqualTo(Fixtures.line("ed25519_openssl.der.b64"));
  }

  @Test
  void derivedRsa2048Vector() {
    String text = new String(Vectors.bytes("derived/rsa2048.spki.der.b64"), StandardCharsets.US_ASCII);
    KeyData expected = OpenSshPublicKeys.parse(Vectors.bytes("derived/rsa2048.pub")).keyData();
    assertThat(parse(text)).isEqualTo(expected);
    assertThat(DerBase64.encodeToString(expected)).isEqualTo(text.strip());
  }

  @Test
  void wrappedWithCrlfSpacesAndBlankLinesParses() {
    String line = Fixtures.line("rsa2048.der.b64");
    StringBuilder sb = new StringBuilder("\r\n");
    for (int i = 0; i < line.length(); i += 76) {
      sb.append("  ").append(line, i, Math.min(line.length(), i + 76)).append(i % 152 == 0 ? "\r\n" : "\n\n");
    }
    assertThat(parse(sb.toString())).isEqualTo(TestKeys.fixtureKey("rsa2048"));
  }

  @Test
  void emptyAndBlankAreFormat() {
    assertFails(ErrorCode.FORMAT, () -> parse(""));
    assertFails(ErrorCode.FORMAT, () -> parse(" \r\n\t\n"));
  }

  @Test
  void garbageNamesTheLine() {
    String text = "MIIB\nIjAN\nB-kq\n";
    assertThat(assertFails(ErrorCode.FORMAT, () -> parse(text)).getMessage())
        .isEqualTo("Base64 DER public key is not valid Base64 at line 3 (a character outside the alphabet)");
  }

  @Test
  void pemIsNotBase64Der() {
    assertFails(ErrorCode.FORMAT, () -> parse(Fixtures.text("rsa2048.pkcs8.pem")));
  }

  @Test
  void trailingBytesAfterTheDerAreFormat() {
    byte[] der = Base64.getDecoder().decode(Fixtures.line("ecdsa256.der.b64"));
    String longer = Base64.getEncoder().encodeToString(Arrays.copyOf(der, der.length + 1));
    assertThat(assertFails(ErrorCode.FORMAT, () -> parse(longer)).getMessage()).contains("trailing bytes");
  }

  @Test
  void jschPayloadIsFormat() {
    assertFailsWithin(Duration.ofMillis(10), ErrorCode.FORMAT, () -> parse("MIICWgIBAAKEf////w=="));
  }

  /** HOSTILE 7 as raw base64 DER. */
  @Test
  void fiveThousandDeepSequenceIsRefusedQuickly() {
    String text = Base64.getEncoder().encodeToString(Hostile.nestedSequences(5000));
    assertFailsWithin(Duration.ofMillis(100), ErrorCode.FORMAT, () -> parse(text));
  }

  @Test
  void capsComeBeforeDecoding() {
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> parse("!".repeat((1 << 20) + 1)));
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> parse("!".repeat((64 << 10) + 1) + "\n"));
    KeyPairLimits small = KeyPairLimits.builder().maxLineBytes(64).build();
    byte[] oneLine = Fixtures.bytes("rsa1024.der.b64");
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> DerBase64.parse(oneLine, small));
  }

  @Test
  void nulIsRejected() {
    assertFails(ErrorCode.FORMAT, () -> parse(Fixtures.line("ecdsa256.der.b64") + "\0"));
  }

  @Test
  void unsupportedAndInvalidKeysKeepTheirCodes() {
    assertFails(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> parse(Base64.getEncoder().encodeToString(DerFixtures.der("ec_p256_explicit"))));
    assertFails(ErrorCode.INVALID_VALUE,
        () -> parse(Base64.getEncoder().encodeToString(DerFixtures.der("ec_p256_compressed"))));
  }

  @Test
  void certificatesAreUnrepresentable() {
    assertFails(ErrorCode.UNREPRESENTABLE, () -> DerBase64.encodeToString(TestKeys.fixtureKey("rsa2048-user-cert")));
  }
}
