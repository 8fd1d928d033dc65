package dev.keypair.formats.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first of up to three byte values in a range, eight bytes at a time: the scans for line
 * ends, NUL bytes and field separators that every line of a large {@code authorized_keys} file goes
 * through. Exactly the answers of a byte-by-byte loop.
 */
public final class ByteScan {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteScan() {}

  /**
   * The index of the first byte in {@code buf[from, to)} equal to {@code a}, {@code b} or {@code c}, or -1.
   *
   * <p>When the three are ASCII (every caller's are: line ends, NUL, blanks), a word is first tested for any
   * byte below the largest of them plus one, a single test that text mostly passes (base64, names,
   * comments); only a word that fails it is tested for the three values. The answer is the same.
   */
  public static int indexOfAny(byte[] buf, int from, int to, byte a, byte b, byte c) {
    long pa = ONES * (a & 0xff);
    long pb = ONES * (b & 0xff);
    long pc = ONES * (c & 0xff);
    int top = Math.max(a & 0xff, Math.max(b & 0xff, c & 0xff));
    boolean ascii = top < 0x80;
    long below = ONES * (top + 1);
    int i = from;
    for (; to - i >= 8; i += 8) {
      long w = (long) LONGS.get(buf, i);
      // (v - ONES * n) & ~v & HIGHS is non-zero exactly when a byte of v is below n, for n <= 128
      if (ascii && ((w - below) & ~w & HIGHS) == 0) {
        continue;
      }
      // the lowest flagged byte of each mask is that value's first occurrence (a borrow can flag only
      // bytes above a real match), so the lowest flag of the union is the first byte of the three
      long m = zeroBytes(w ^ pa) | zeroBytes(w ^ pb) | zeroBytes(w ^ pc);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte x = buf[i];
      if (x == a || x == b || x == c) {
        return i;
      }
    }
    return -1;
  }

  /** A mask with the high bit of each byte of {@code v} that may be zero: exact up to the first zero byte. */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }
}
