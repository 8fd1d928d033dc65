package dev.keypair.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TextLines#spans}, which scans eight bytes at a time, gives what a byte-by-byte scan gives. */
class TextLinesTest {

  @Test
  void spansAgreeWithAByteByByteScanOnLineEndsCarriageReturnsNulsAndLongLines() {
    Random random = new Random(7468);
    byte[] alphabet = {'\n', '\n', '\r', 0, 'A', 'z', '+', ' ', '\t', (byte) 0x80, (byte) 0xff};
    KeyPairLimits limits = KeyPairLimits.builder().maxLineBytes(40).build();
    for (int run = 0; run < 4_000; run++) {
      byte[] data = new byte[random.nextInt(120)];
      for (int i = 0; i < data.length; i++) {
        data[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
      }
      if (run % 3 == 0) {
        Arrays.fill(data, (byte) 'x'); // no line end at all, or only a few
        for (int k = random.nextInt(3); k > 0 && data.length > 0; k--) {
          data[random.nextInt(data.length)] = (byte) '\n';
        }
      }
      int off = data.length == 0 ? 0 : random.nextInt(Math.min(data.length, 9));
      int len = data.length - off - (data.length - off == 0 ? 0 : random.nextInt(Math.min(data.length - off, 9)));
      Object expected = outcome(() -> byteByByte(data, off, len, limits, "text"));
      Object actual = outcome(() -> TextLines.spans(data, off, len, limits, "text"));
      assertThat(actual).as("run %s", run).isEqualTo(expected);
    }
  }

  /** The spans as a list, or the error's code and message. */
  private static Object outcome(java.util.function.Supplier<int[]> scan) {
    KeyPairException e = catchThrowableOfType(() -> scan.get(), KeyPairException.class);
    return e == null ? Arrays.toString(scan.get()) : e.code() + ": " + e.getMessage();
  }

  /** The scan before the eight-byte one: every byte looked at in turn. */
  private static int[] byteByByte(byte[] data, int off, int len, KeyPairLimits limits, String what) {
    limits.checkInputSize(len, what);
    int[] spans = new int[2 * (len + 1)];
    int count = 0;
    int end = off + len;
    int start = off;
    for (int i = off; i <= end; i++) {
      if (i == end || data[i] == '\n') {
        if (i == end && start == end) {
          break;
        }
        int stop = i;
        if (stop > start && data[stop - 1] == '\r') {
          stop--;
        }
        TextLines.checkLine(stop - start, count / 2 + 1, limits, what);
        spans[count++] = start;
        spans[count++] = stop;
        start = i + 1;
      } else if (data[i] == 0) {
        throw new KeyPairException(ErrorCode.FORMAT, what + " has a NUL byte at line " + (count / 2 + 1));
      }
    }
    return Arrays.copyOf(spans, count);
  }
}
