package dev.keypair.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBase64Test {

  @Property
  void decodesWhatTheJdkEncodes(@ForAll byte[] data) {
    String text = Base64.getEncoder().encodeToString(data);
    assertThat(StrictBase64.decode(text, "t")).isEqualTo(data);
  }

  @Property
  void acceptsOnlyTextThatReEncodesToItself(@ForAll("base64ish") String text) {
    byte[] decoded;
    try {
      decoded = StrictBase64.decode(text, "t");
    } catch (KeyPairException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
      return;
    }
    assertThat(Base64.getEncoder().encodeToString(decoded)).isEqualTo(text);
  }

  @Property
  void theJdkFastPathGivesTheCheckingDecodersBytesAndErrors(@ForAll byte[] data, @ForAll("edits") int[] edits,
      @ForAll("pads") int pad) {
    byte[] text = Base64.getEncoder().encode(data);
    byte[] src = new byte[pad + text.length + pad];
    System.arraycopy(text, 0, src, pad, text.length);
    for (int k = 0; k + 1 < edits.length && text.length > 0; k += 2) {
      src[pad + Math.floorMod(edits[k], text.length)] = EDIT_CHARS[Math.floorMod(edits[k + 1], EDIT_CHARS.length)];
    }
    byte[] expected;
    try {
      expected = StrictBase64.decodeChecking(src, pad, text.length, "t");
    } catch (KeyPairException e) {
      assertThatThrownBy(() -> StrictBase64.decode(src, pad, text.length, "t"))
          .isInstanceOfSatisfying(KeyPairException.class, f -> assertThat(f.code()).isEqualTo(e.code()))
          .hasMessage(e.getMessage());
      return;
    }
    assertThat(StrictBase64.decode(src, pad, text.length, "t")).isEqualTo(expected);
  }

  /** Characters an edit writes: padding, alphabet characters with and without low bits, outsiders. */
  private static final byte[] EDIT_CHARS = "=AQBRg/+9 \n!-_\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1);

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<int[]> edits() {
    return net.jqwik.api.Arbitraries.integers().array(int[].class).ofMaxSize(6);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> pads() {
    return net.jqwik.api.Arbitraries.integers().between(0, 3);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> base64ish() {
    return net.jqwik.api.Arbitraries.strings().withChars("ABCab+/=01 \n!").ofMaxLength(16);
  }

  @ParameterizedTest
  @ValueSource(strings = {"QQ", "QQ=", "QQ==QQ==", "Q===", "QR==", "QUJ=", "=QUI", "QU=I", "QUI!", "QUJD\n"})
  void refusesNonCanonicalText(String text) {
    assertThatThrownBy(() -> StrictBase64.decode(text, "blob"))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT))
        .hasMessageStartingWith("blob is not valid Base64 at offset");
  }

  @Test
  void multilineSkipsLineBreaksAndReportsTheLine() {
    byte[] ok = "QUJD\r\nREVG\n  R0g=\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(new String(StrictBase64.decodeMultiline(ok, 0, ok.length, "body"), StandardCharsets.US_ASCII))
        .isEqualTo("ABCDEFGH");
    byte[] bad = "QUJD\nREVG\nR0*=\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> StrictBase64.decodeMultiline(bad, 0, bad.length, "RFC4716 body"))
        .hasMessageStartingWith("RFC4716 body is not valid Base64 at line 3");
  }

  @Test
  void reportsTheOffsetOfABadCharacterAnywhereInALongToken() {
    // whole quanta are decoded on a fast path: the checking loop must take over at the right place
    byte[] good = Base64.getEncoder().encode(new byte[300]);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] = '*';
      assertThatThrownBy(() -> StrictBase64.decode(bad, 0, bad.length, "blob"))
          .hasMessage("blob is not valid Base64 at offset " + i + " (a character outside the alphabet)");
      if (i < good.length - 1) { // a final '=' after "AAA" is canonical padding
        bad[i] = '=';
        assertThatThrownBy(() -> StrictBase64.decode(bad, 0, bad.length, "blob")).hasMessageContaining("at offset ");
      }
    }
  }

  @Test
  void emptyTextIsEmptyData() {
    assertThat(StrictBase64.decode("", "t")).isEmpty();
  }
}
