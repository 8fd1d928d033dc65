package dev.keypair.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ByteScanTest {

  @Property(tries = 3000)
  void findsWhatAByteByByteLoopFinds(@ForAll("text") byte[] buf, @ForAll @IntRange(max = 40) int from,
      @ForAll @IntRange(max = 40) int cut) {
    int start = Math.min(from, buf.length);
    int to = Math.max(start, buf.length - cut);
    assertThat(ByteScan.indexOfAny(buf, start, to, (byte) '\n', (byte) 0, (byte) 0))
        .isEqualTo(loop(buf, start, to, (byte) '\n', (byte) 0, (byte) 0));
    assertThat(ByteScan.indexOfAny(buf, start, to, (byte) ' ', (byte) '\t', (byte) '\r'))
        .isEqualTo(loop(buf, start, to, (byte) ' ', (byte) '\t', (byte) '\r'));
    assertThat(ByteScan.indexOfAny(buf, start, to, (byte) 0x80, (byte) 0xff, (byte) 1))
        .isEqualTo(loop(buf, start, to, (byte) 0x80, (byte) 0xff, (byte) 1));
    // the largest ASCII target: the below-test at its limit of 128
    assertThat(ByteScan.indexOfAny(buf, start, to, (byte) 0x7f, (byte) 'A', (byte) 0))
        .isEqualTo(loop(buf, start, to, (byte) 0x7f, (byte) 'A', (byte) 0));
  }

  /**
   * Bytes next to the targets and to the limits of the below-test (a borrow from one byte into the next is where a
   * word scan could err).
   */
  @Provide
  Arbitrary<byte[]> text() {
    return Arbitraries.of((byte) 0, (byte) 1, (byte) 2, (byte) '\n', (byte) 11, (byte) 0x1f, (byte) ' ', (byte) '!', (byte) '\t',
        (byte) '\r', (byte) 'A', (byte) 0x7f, (byte) 0x80, (byte) 0x81, (byte) 0xfe, (byte) 0xff)
        .array(byte[].class).ofMaxSize(80);
  }

  @Test
  void findsAMatchInEveryPositionOfAWord() {
    for (int at = 0; at < 24; at++) {
      byte[] buf = new byte[24];
      java.util.Arrays.fill(buf, (byte) 'A');
      buf[at] = '\n';
      assertThat(ByteScan.indexOfAny(buf, 0, buf.length, (byte) '\n', (byte) 0, (byte) 0)).isEqualTo(at);
      assertThat(ByteScan.indexOfAny(buf, at + 1, buf.length, (byte) '\n', (byte) 0, (byte) 0)).isEqualTo(-1);
    }
  }

  private static int loop(byte[] buf, int from, int to, byte a, byte b, byte c) {
    for (int i = from; i < to; i++) {
      if (buf[i] == a || buf[i] == b || buf[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
