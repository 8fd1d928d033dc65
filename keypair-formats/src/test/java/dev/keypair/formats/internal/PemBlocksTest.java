package dev.keypair.formats.internal;

import static dev.keypair.formats.Hostile.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PEM framing (RFC 7468) and the one-block policy (HOSTILE 8, 9). */
class PemBlocksTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final String PEM = Fixtures.text("rsa1024.pkcs8.pem");
  private static final byte[] DER = Base64.getDecoder().decode(Fixtures.line("rsa1024.der.b64"));

  private static PemBlocks.Block parse(String text) {
    return PemBlocks.parseSingle(text.getBytes(StandardCharsets.ISO_8859_1), LIMITS, "PEM test");
  }

  private static KeyPairException fails(ErrorCode code, String text) {
    return assertFails(code, () -> parse(text));
  }

  @Test
  void readsAToolWrittenBlock() {
    PemBlocks.Block b = parse(PEM);
    assertThat(b.label()).isEqualTo("PUBLIC KEY");
    assertThat(b.headers()).isEmpty();
    assertThat(b.der()).isEqualTo(DER);
    assertThat(b.beginLine()).isEqualTo(1);
  }

  @Test
  void writesWhatTheToolsWrite() {
    assertThat(PemBlocks.encode("PUBLIC KEY", DER)).isEqualTo(PEM);
    assertThat(PemBlocks.encodeBytes("PUBLIC KEY", DER)).isEqualTo(PEM.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void writesLinesOf64AndExactMultiples() {
    for (int n : new int[] {1, 47, 48, 49, 96, 200}) {
      String pem = PemBlocks.encode("X", new byte[n]);
      String[] lines = pem.split("\n", -1);
      assertThat(lines[lines.length - 1]).isEmpty(); // final LF
      for (int i = 1; i < lines.length - 2; i++) {
        assertThat(lines[i].length()).isLessThanOrEqualTo(64);
        if (i < lines.length - 3) {
          assertThat(lines[i]).hasSize(64);
        }
      }
      assertThat(parse(pem).der()).hasSize(n);
    }
  }

  // --- explanatory text (RFC 7468 section 5.2)

  @Test
  void textBeforeAndAfterIsIgnored() {
    String text = "Bag Attributes\n    localKeyID: 01 00 00 00\n    friendlyName: my key\nsubject=/CN=x\n"
        + PEM + "trailing notes\n-----END PUBLIC KEY-----\n";
    PemBlocks.Block b = parse(text);
    assertThat(b.der()).isEqualTo(DER);
    assertThat(b.beginLine()).isEqualTo(5);
    assertThat(b.headers()).isEmpty();
  }

  @Test
  void boundaryLinesMayHaveSurroundingSpaces() {
    String text = PEM.replace("-----BEGIN PUBLIC KEY-----", "  -----BEGIN PUBLIC KEY-----\t ")
        .replace("-----END PUBLIC KEY-----", "-----END PUBLIC KEY----- ");
    assertThat(parse(text).der()).isEqualTo(DER);
  }

  // --- line ends (HOSTILE 9, JSch #369)

  @Test
  void crlfParses() {
    assertThat(parse(PEM.replace("\n", "\r\n")).der()).isEqualTo(DER);
  }

  @Test
  void mixedLineEndsParse() {
    String[] lines = PEM.split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      sb.append(lines[i]).append(i % 2 == 0 ? "\r\n" : "\n");
    }
    assertThat(parse(sb.toString()).der()).isEqualTo(DER);
  }

  @Test
  void noFinalLineEndParses() {
    assertThat(parse(PEM.substring(0, PEM.length() - 1)).der()).isEqualTo(DER);
  }

  @Test
  void anyLineWidthAndBlankLinesInTheBodyParse() {
    String b64 = Base64.getEncoder().encodeToString(DER);
    StringBuilder sb = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
    for (int i = 0; i < b64.length(); i += 7) {
      sb.append(b64, i, Math.min(b64.length(), i + 7)).append(i % 3 == 0 ? "\n\n" : " \n");
    }
    sb.append("-----END PUBLIC KEY-----\n");
    assertThat(parse(sb.toString()).der()).isEqualTo(DER);
  }

  @Test
  void nulIsRejected() {
    fails(ErrorCode.FORMAT, PEM.replace("-----END", "\0-----END"));
    fails(ErrorCode.FORMAT, "\0" + PEM);
  }

  // --- HOSTILE 8, one test per case

  @Test
  void base64GarbageNamesTheLineOfTheInput() {
    String text = "note\n" + PEM.replace("fGCCys6DTfIY", "fGCCys6D*fIY");
    KeyPairException e = fails(ErrorCode.FORMAT, text);
    assertThat(e.getMessage()).isEqualTo(
        "PEM test body is not valid Base64 at line 4 (a character outside the alphabet)");
  }

  @Test
  void base64WithBadPaddingIsFormat() {
    fails(ErrorCode.FORMAT, PEM.replace("IDAQAB", "IDAQAB=="));
    fails(ErrorCode.FORMAT, PEM.replace("SIve41l97PVZR6PPIwIDAQAB", "SIve41l97PVZR6PPIwIDAQB="));
  }

  @Test
  void missingEndIsFormat() {
    String text = PEM.substring(0, PEM.indexOf("-----END"));
    assertThat(fails(ErrorCode.FORMAT, text).getMessage())
        .isEqualTo("PEM test has no -----END line for the BEGIN at line 1");
  }

  @Test
  void mismatchedLabelsAreFormat() {
    String text = PEM.replace("-----END PUBLIC KEY-----", "-----END RSA PUBLIC KEY-----");
    assertThat(fails(ErrorCode.FORMAT, text).getMessage()).isEqualTo(
        "PEM test has -----BEGIN PUBLIC KEY----- at line 1 but -----END RSA PUBLIC KEY----- at line 6");
  }

  @Test
  void unknownLabelIsReadHereAndJudgedByTheCaller() {
    assertThat(parse(PEM.replace("PUBLIC KEY", "X509 CRL")).label()).isEqualTo("X509 CRL");
  }

  @Test
  void twoBlocksAreFormat() {
    assertThat(fails(ErrorCode.FORMAT, PEM + PEM).getMessage())
        .isEqualTo("PEM test has a second PEM block at line 7; one block per input is read");
    assertThat(fails(ErrorCode.FORMAT, PEM + "between\n" + Fixtures.text("rsa1024.pkcs1.pem")).getMessage())
        .contains("second PEM block at line 8");
  }

  @Test
  void beginInsideABlockIsFormat() {
    String text = PEM.replace("-----END PUBLIC KEY-----\n", "") + PEM;
    assertThat(fails(ErrorCode.FORMAT, text).getMessage()).contains("second -----BEGIN at line 6");
  }

  @Test
  void noBeginIsFormat() {
    fails(ErrorCode.FORMAT, "");
    fails(ErrorCode.FORMAT, "just text\n");
    fails(ErrorCode.FORMAT, PEM.replace("-----BEGIN PUBLIC KEY-----\n", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-----BEGIN PUBLIC KEY----", "-----BEGIN PUBLIC KEY", "-----BEGIN PUBLIC KEY----- x",
      "-----BEGIN PUBLIC  KEY-----", "-----BEGIN PUBLIC KEY -----", "-----BEGIN -PUBLIC KEY-----",
      "-----BEGIN PUBLIC\u00e9KEY-----", "-----BEGIN PUBLIC\tKEY-----"})
  void malformedBeginLinesAreFormat(String begin) {
    fails(ErrorCode.FORMAT, PEM.replace("-----BEGIN PUBLIC KEY-----", begin));
  }

  @Test
  void malformedEndLineIsFormat() {
    fails(ErrorCode.FORMAT, PEM.replace("-----END PUBLIC KEY-----", "-----END PUBLIC KEY"));
    fails(ErrorCode.FORMAT, PEM.replace("-----END PUBLIC KEY-----", "-----FINISH PUBLIC KEY-----"));
  }

  @Test
  void emptyBodyIsFormat() {
    fails(ErrorCode.FORMAT, "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n");
  }

  @Test
  void emptyLabelIsAllowedByRfc7468() {
    assertThat(parse("-----BEGIN -----\nAAAA\n-----END -----\n").label()).isEmpty();
  }

  // --- RFC 1421 headers (legacy encrypted keys)

  private static final String ENCRYPTED = "-----BEGIN RSA PRIVATE KEY-----\n"
      + "Proc-Type: 4,ENCRYPTED\n"
      + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n"
      + "\n"
      + "AAECAwQF\n"
      + "-----END RSA PRIVATE KEY-----\n";

  @Test
  void headersAreKeptInOrder() {
    PemBlocks.Block b = parse(ENCRYPTED);
    assertThat(b.headers()).containsExactly(new PemBlocks.Header("Proc-Type", "4,ENCRYPTED"),
        new PemBlocks.Header("DEK-Info", "AES-128-CBC,0123456789ABCDEF0123456789ABCDEF"));
    assertThat(b.header("dek-info").value()).startsWith("AES-128-CBC,");
    assertThat(b.header("Comment")).isNull();
    assertThat(b.der()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(PemBlocks.encode(b.label(), b.headers(), b.der())).isEqualTo(ENCRYPTED);
  }

  @Test
  void headersWithCrlfParse() {
    assertThat(parse(ENCRYPTED.replace("\n", "\r\n")).headers()).hasSize(2);
  }

  @Test
  void headersWithoutTheBlankLineAreFormat() {
    fails(ErrorCode.FORMAT, ENCRYPTED.replace("\n\n", "\n"));
    fails(ErrorCode.FORMAT, "-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\n-----END X-----\n");
  }

  @Test
  void headerLaterInTheBodyIsBadBase64() {
    String text = "-----BEGIN X-----\nAAAA\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END X-----\n";
    assertThat(fails(ErrorCode.FORMAT, text).getMessage()).contains("at line 3");
  }

  @Test
  void foldedOrNamelessHeaderLinesAreFormat() {
    fails(ErrorCode.FORMAT, ENCRYPTED.replace("DEK-Info: ", " continued\nDEK-Info: "));
    fails(ErrorCode.FORMAT, ENCRYPTED.replace("DEK-Info: ", ": "));
    fails(ErrorCode.FORMAT, ENCRYPTED.replace("DEK-Info: ", "DEK Info: "));
  }

  @Test
  void unknownDekInfoCipherIsKeptForTheDecrypterToJudge() {
    // HOSTILE 8's unknown DEK-Info cipher is refused by the legacy PEM decrypter, which reads this header
    PemBlocks.Block b = parse(ENCRYPTED.replace("AES-128-CBC", "ROT13-CBC"));
    assertThat(b.header("DEK-Info").value()).startsWith("ROT13-CBC,");
  }

  // --- caps (HOSTILE 9)

  @Test
  void inputOverTheCapIsRefusedBeforeDecoding() {
    byte[] big = new byte[(1 << 20) + 1];
    java.util.Arrays.fill(big, (byte) 'A');
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> PemBlocks.parseSingle(big, LIMITS, "PEM test"));
  }

  @Test
  void lineOverTheCapIsRefusedBeforeDecoding() {
    String longLine = "*".repeat((64 << 10) + 1); // not even base64: the cap comes first
    assertFails(ErrorCode.INPUT_TOO_LARGE, () -> parse("-----BEGIN X-----\n" + longLine + "\n-----END X-----\n"));
    assertThat(parse("-----BEGIN X-----\n" + "A".repeat(64 << 10) + "\n-----END X-----\n").der())
        .hasSize(48 << 10);
  }

  // --- writing

  @Test
  void writingRefusesBadLabelsAndHeaders() {
    assertThatThrownBy(() -> PemBlocks.encode("PUBLIC  KEY", DER)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PemBlocks.encode("X-", DER)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PemBlocks.encode("X", List.of(new PemBlocks.Header("A:B", "v")), DER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PemBlocks.encode("X", List.of(new PemBlocks.Header("A", "v\nw")), DER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUBLIC KEY", "RSA PRIVATE KEY", "X509 CRL", "A", "A-B C", "!\"#$%&'()*+,./~"})
  void validLabels(String label) {
    assertThat(PemBlocks.isValidLabel(label)).isTrue();
    assertThat(parse(PemBlocks.encode(label, new byte[] {1})).label()).isEqualTo(label);
  }

  @Property(tries = 200)
  void bytesOfAnyWidthReadBackAndWrapAsAsked(@ForAll @net.jqwik.api.constraints.Size(min = 1, max = 400) byte[] der,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 4, max = 100) int width) {
    byte[] pem = PemBlocks.encodeBytes("OPENSSH PRIVATE KEY", der, width);
    String text = new String(pem, StandardCharsets.US_ASCII);
    String[] lines = text.split("\n", -1);
    assertThat(lines[0]).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
    assertThat(lines[lines.length - 2]).isEqualTo("-----END OPENSSH PRIVATE KEY-----");
    assertThat(lines[lines.length - 1]).isEmpty();
    for (int i = 1; i < lines.length - 3; i++) {
      assertThat(lines[i]).hasSize(width);
    }
    assertThat(lines[lines.length - 3].length()).isBetween(1, width);
    assertThat(parse(text).der()).isEqualTo(der);
    if (width == 64) {
      assertThat(text).isEqualTo(PemBlocks.encode("OPENSSH PRIVATE KEY", der));
    }
  }

  @Test
  void bytesWidthIsCheckedAndTheBase64CopyWiped() {
    assertThatThrownBy(() -> PemBlocks.encodeBytes("X", new byte[1], 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PemBlocks.encodeBytes("a--b", new byte[1], 70))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dev.keypair.testsupport.Wipes.during(() -> PemBlocks.encodeBytes("X", new byte[] {1, 2, 3}, 70)).tags())
        .containsExactly("pem-base64");
  }

  @Test
  void hasBeginLine() {
    assertThat(PemBlocks.hasBeginLine(PEM.getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(PemBlocks.hasBeginLine(("x\n  " + PEM).getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(PemBlocks.hasBeginLine("ssh-rsa AAAA -----BEGIN x".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(PemBlocks.hasBeginLine(new byte[0])).isFalse();
  }

  // --- totality

  @Property(tries = 2000)
  void parsingIsTotal(@ForAll("pemish") String text) {
    try {
      PemBlocks.Block b = parse(text);
      assertThat(b.der()).isNotEmpty();
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<String> pemish() {
    Arbitrary<String> pieces = Arbitraries.of("-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----",
        "-----BEGIN X-----", "-----END X-----", "Proc-Type: 4,ENCRYPTED", "", " ", "AAAA", "QUJD", "=", "A=",
        "\r", "-----", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A", "\0", "é");
    Arbitrary<String> lines = Arbitraries.oneOf(pieces, Arbitraries.strings().ofMaxLength(30));
    return lines.list().ofMaxSize(12).map(l -> String.join("\n", l));
  }
}
