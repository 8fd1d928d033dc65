package dev.keypair.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PemBlocks#parseSingle} reads lines in place and decodes the body straight from the input; on
 * 20,000 PEM texts, whole and damaged (BOM, CRLF, text around the block, indented boundaries, headers,
 * odd widths, bytes replaced by boundary, header, white-space, NUL and non-ASCII characters), it must give
 * what the String-per-line parser it replaced ({@link PemBlocksOnStrings}) gives: the same label, headers,
 * bytes and line, or the same error code and message.
 */
class PemBlocksInPlaceTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final byte[] DAMAGE = {'-', '-', ':', ' ', '\t', '\r', '\n', '\n', '=', 'A', '!', 0, (byte) 0xc3};
  private static final List<String> LABELS = List.of("RSA PRIVATE KEY", "PRIVATE KEY", "PUBLIC KEY", "X");

  @Test
  void readsAsTheStringPerLineParser() {
    Random random = new Random(7468);
    int failures = 0;
    for (int run = 0; run < 20_000; run++) {
      byte[] text = pem(random);
      if (run % 2 == 1) {
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          text[random.nextInt(text.length)] = DAMAGE[random.nextInt(DAMAGE.length)];
        }
      }
      String expected;
      String actual;
      try {
        expected = describe(PemBlocksOnStrings.parseSingle(text, LIMITS, "PEM test"));
      } catch (KeyPairException e) {
        expected = e.code() + " " + e.getMessage();
        failures++;
      }
      try {
        actual = describe(PemBlocks.parseSingle(text, LIMITS, "PEM test"));
      } catch (KeyPairException e) {
        actual = e.code() + " " + e.getMessage();
      }
      assertThat(actual).as("run %d: %s", run, new String(text, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }
    assertThat(failures).isBetween(4_000, 16_000); // both kinds were compared
  }

  private static String describe(PemBlocks.Block b) {
    return b.label() + " " + b.headers() + " " + Arrays.toString(b.der()) + " " + b.beginLine();
  }

  private static byte[] pem(Random random) {
    byte[] der = new byte[1 + random.nextInt(200)];
    random.nextBytes(der);
    List<PemBlocks.Header> headers = random.nextInt(3) == 0
        ? List.of(new PemBlocks.Header("Proc-Type", "4,ENCRYPTED"), new PemBlocks.Header("DEK-Info", "AES-128-CBC,00"))
        : List.of();
    String text = PemBlocks.encode(LABELS.get(random.nextInt(LABELS.size())), headers, der);
    if (random.nextBoolean()) {
      text = text.replace("\n", "\r\n");
    }
    if (random.nextInt(4) == 0) {
      text = "Bag Attributes\n  note: text\n" + text + "trailing text\n";
    }
    if (random.nextInt(4) == 0) {
      text = text.replace("-----BEGIN", " \t-----BEGIN").replace("-----\n", "-----  \n");
    }
    if (random.nextInt(4) == 0) {
      text = text.replaceFirst("(?m)^([A-Za-z0-9+/]{10})", "$1\n  ");
    }
    if (random.nextInt(8) == 0) {
      text = "\ufeff" + text;
    }
    if (random.nextInt(8) == 0) {
      text = text.substring(0, text.length() - 1);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
