package dev.keypair.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The multi-line decoder re-enters its fast path at each line that starts on a quantum boundary; it must
 * give what a decoder checking every character one by one gives (the bytes, or the same message), on
 * wrapped base64 of every width with CRLF, spaces, tabs and blank lines, and on the same texts damaged.
 */
class StrictBase64MultilineTest {

  private static final byte[] DAMAGE = {'=', '=', ' ', '\t', '\r', '\n', '\n', 'A', '/', '!', ':', '-', 0, (byte) 0xc3};

  @Test
  void fastLinesDecodeAsTheCharacterByCharacterDecoder() {
    Random random = new Random(8);
    int failures = 0;
    for (int run = 0; run < 20_000; run++) {
      byte[] text = wrapped(random);
      if (run % 2 == 1) {
        damage(text, random);
      }
      int firstLine = 1 + random.nextInt(5);
      String expected;
      String actual;
      try {
        expected = Arrays.toString(reference(text, firstLine));
      } catch (KeyPairException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
        expected = e.getMessage();
        failures++;
      }
      try {
        actual = Arrays.toString(StrictBase64.decodeMultiline(text, 0, text.length, firstLine, "t"));
      } catch (KeyPairException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
        actual = e.getMessage();
      }
      assertThat(actual).as("run %d", run).isEqualTo(expected);
    }
    assertThat(failures).isBetween(5_000, 15_000); // both kinds were compared
  }

  @Test
  void theFourArgumentFormCountsFromLineOne() {
    byte[] text = "QUJD\nQUJ!\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrictBase64.decodeMultiline(text, 0, text.length, "t"))
        .hasMessage("t is not valid Base64 at line 2 (a character outside the alphabet)");
  }

  private static byte[] wrapped(Random random) {
    byte[] data = new byte[random.nextInt(300)];
    random.nextBytes(data);
    byte[] b64 = Base64.getEncoder().encode(data);
    int width = 1 + random.nextInt(80);
    String eol = random.nextBoolean() ? "\n" : "\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int k = 0; k < b64.length; k += width) {
      out.write(b64, k, Math.min(width, b64.length - k));
      if (random.nextInt(10) == 0) {
        out.write(random.nextBoolean() ? ' ' : '\t');
      }
      out.writeBytes(eol.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      if (random.nextInt(20) == 0) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  private static void damage(byte[] text, Random random) {
    if (text.length == 0) {
      return;
    }
    for (int k = 1 + random.nextInt(2); k > 0; k--) {
      text[random.nextInt(text.length)] = DAMAGE[random.nextInt(DAMAGE.length)];
    }
  }

  /** Every character checked in turn, as the rules in StrictBase64's Javadoc say. */
  private static byte[] reference(byte[] src, int firstLine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int acc = 0;
    int n = 0;
    int pads = 0;
    int line = firstLine;
    for (byte x : src) {
      int c = x & 0xff;
      int v = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(c);
      if (v >= 0) {
        if (pads > 0) {
          throw bad("data after padding", line);
        }
        acc = acc << 6 | v;
        if (++n == 4) {
          out.write(acc >> 16);
          out.write(acc >> 8);
          out.write(acc);
          acc = 0;
          n = 0;
        }
      } else if (c == '=') {
        if (n == 3 && pads == 0) {
          if ((acc & 3) != 0) {
            throw bad("non-zero bits before the padding", line);
          }
          out.write(acc >> 10);
          out.write(acc >> 2);
          n = 0;
          pads = 2;
        } else if (n == 2 && pads == 0) {
          if ((acc & 15) != 0) {
            throw bad("non-zero bits before the padding", line);
          }
          out.write(acc >> 4);
          pads = 1;
        } else if (n == 2 && pads == 1) {
          n = 0;
          pads = 2;
        } else {
          throw bad("misplaced padding", line);
        }
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (c == '\n') {
          line++;
        }
      } else {
        throw bad("a character outside the alphabet", line);
      }
    }
    if (n != 0 || pads == 1) {
      throw bad("an incomplete final group", line);
    }
    return out.toByteArray();
  }

  private static KeyPairException bad(String why, int line) {
    return new KeyPairException(ErrorCode.FORMAT, "t is not valid Base64 at line " + line + " (" + why + ")");
  }
}
