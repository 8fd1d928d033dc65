package dev.keypair.core.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Canonical base64 (RFC 4648 section 4), decoded as strictly as OpenSSH's {@code b64_pton}: only the
 * standard alphabet, padding only at the end and only as needed, and the bits that padding discards
 * must be zero. So every accepted text re-encodes to itself.
 *
 * <p>The multi-line variant skips line breaks, spaces and tabs between characters (RFC 4716 bodies,
 * PEM bodies, wrapped DER) and reports errors by line.
 */
public final class StrictBase64 {

  private static final byte INVALID = -1;
  private static final byte SPACE = -2;
  private static final byte PAD = -3;
  private static final byte[] TABLE = new byte[256];

  static {
    Arrays.fill(TABLE, INVALID);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; i++) {
      TABLE[alphabet.charAt(i)] = (byte) i;
    }
    TABLE['='] = PAD;
    TABLE[' '] = SPACE;
    TABLE['\t'] = SPACE;
    TABLE['\r'] = SPACE;
    TABLE['\n'] = SPACE;
  }

  private StrictBase64() {}

  /** Whether {@code c} is a character of the standard alphabet (not padding). */
  public static boolean isAlphabet(int c) {
    return c >= 0 && c < 256 && TABLE[c] >= 0;
  }

  /** Whether {@code c} is in the alphabet or is the padding character. */
  public static boolean isAlphabetOrPad(int c) {
    return c >= 0 && c < 256 && (TABLE[c] >= 0 || TABLE[c] == PAD);
  }

  /** Decodes one token with no whitespace in it. */
  public static byte[] decode(byte[] src, int off, int len, String what) {
    if (len > 0 && (len & 3) == 0 && zeroBitsBeforePadding(src, off + len)) {
      // the JDK's decoder (intrinsified) checks the alphabet and where padding may stand; with a length
      // of whole quanta and the discarded bits zero, what it accepts is exactly what the loop below
      // accepts, with the same bytes. On any refusal the loop below decodes again, for its message.
      try {
        ByteBuffer out = Base64.getDecoder().decode(ByteBuffer.wrap(src, off, len));
        return exactly(out.array(), out.remaining());
      } catch (IllegalArgumentException e) {
        // refused: the checking decoder reports where and why
      }
    }
    return decodeChecking(src, off, len, what);
  }

  /** {@link #decode(byte[], int, int, String)} by the checking loop alone, without the JDK's decoder. */
  static byte[] decodeChecking(byte[] src, int off, int len, String what) {
    return decode(src, off, len, false, 1, what);
  }

  public static byte[] decode(String s, String what) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      char c = s.charAt(i);
      b[i] = c < 256 ? (byte) c : (byte) '!';
    }
    return decode(b, 0, b.length, what);
  }

  /** Decodes text that may be broken into lines; spaces, tabs, CR and LF are skipped. */
  public static byte[] decodeMultiline(byte[] src, int off, int len, String what) {
    return decode(src, off, len, true, 1, what);
  }

  /**
   * {@link #decodeMultiline(byte[], int, int, String)} of a slice of a larger text that starts at line
   * {@code firstLine} of it, so that errors name the line of the whole text.
   */
  public static byte[] decodeMultiline(byte[] src, int off, int len, int firstLine, String what) {
    return decode(src, off, len, true, firstLine, what);
  }

  private static byte[] decode(byte[] src, int off, int len, boolean multiline, int firstLine, String what) {
    int end = off + len;
    byte[] out = new byte[multiline || len % 4 != 0 ? len / 4 * 3 + 3 : len / 4 * 3 - trailingPads(src, off, end)];
    try {
      return exactly(out, decodeInto(src, off, len, multiline, firstLine, what, out));
    } catch (KeyPairException e) {
      Wipe.wipe("base64 output", out);
      throw e;
    }
  }

  /**
   * The first {@code length} bytes of {@code out}: {@code out} itself when it holds exactly those, else a copy,
   * and {@code out} is wiped (what is decoded may be a private key).
   */
  private static byte[] exactly(byte[] out, int length) {
    if (length == out.length) {
      return out;
    }
    byte[] result = Arrays.copyOf(out, length);
    Wipe.wipe("base64 output", out);
    return result;
  }

  /** Decodes into {@code out} (large enough) and returns how many bytes it wrote. */
  private static int decodeInto(byte[] src, int off, int len, boolean multiline, int firstLine, String what,
      byte[] out) {
    int end = off + len;
    // the fast path: whole quanta of four alphabet characters, up to the first character that is not
    // (padding, white space, an error), where the checking loop below takes over in the same state
    int i = quanta(src, off, end, out, 0);
    int o = (i - off) / 4 * 3;
    int acc = 0;
    int n = 0; // characters in the current quantum
    int pads = 0; // 0 none, 1 in the middle of "==", 2 padding complete
    int line = firstLine;
    for (; i < end; i++) {
      int c = src[i] & 0xff;
      byte v = TABLE[c];
      if (v >= 0) {
        if (pads > 0) {
          throw bad(what, "data after padding", multiline, line, i - off);
        }
        acc = (acc << 6) | v;
        if (++n == 4) {
          out[o++] = (byte) (acc >> 16);
          out[o++] = (byte) (acc >> 8);
          out[o++] = (byte) acc;
          acc = 0;
          n = 0;
        }
      } else if (v == PAD) {
        // a quantum of 3 characters takes one '=', of 2 characters two; nothing may follow
        if (n == 3 && pads == 0) {
          if ((acc & 0x03) != 0) {
            throw bad(what, "non-zero bits before the padding", multiline, line, i - off);
          }
          out[o++] = (byte) (acc >> 10);
          out[o++] = (byte) (acc >> 2);
          n = 0;
          acc = 0;
          pads = 2;
        } else if (n == 2 && pads == 0) {
          if ((acc & 0x0f) != 0) {
            throw bad(what, "non-zero bits before the padding", multiline, line, i - off);
          }
          out[o++] = (byte) (acc >> 4);
          pads = 1; // one more '=' must come
        } else if (n == 2 && pads == 1) {
          n = 0;
          acc = 0;
          pads = 2;
        } else {
          throw bad(what, "misplaced padding", multiline, line, i - off);
        }
      } else if (v == SPACE && multiline) {
        if (c == '\n') {
          line++;
          if (n == 0 && pads == 0) { // a line starts on a quantum boundary: the fast path again
            int next = quanta(src, i + 1, end, out, o);
            o += (next - i - 1) / 4 * 3;
            i = next - 1;
          }
        }
      } else {
        throw bad(what, "a character outside the alphabet", multiline, line, i - off);
      }
    }
    if (n != 0 || pads == 1) {
      throw bad(what, "an incomplete final group", multiline, line, len);
    }
    return o;
  }

  /**
   * Whether the bits that the final padding of a text ending at {@code end} discards are zero (true
   * when there is no padding). Reads the two or three characters before the end, which the caller
   * guarantees exist.
   */
  private static boolean zeroBitsBeforePadding(byte[] src, int end) {
    if (src[end - 1] != '=') {
      return true;
    }
    int mask = src[end - 2] == '=' ? 0x0f : 0x03;
    int v = TABLE[src[end - (mask == 0x0f ? 3 : 2)] & 0xff];
    return v >= 0 && (v & mask) == 0;
  }

  /**
   * Decodes whole quanta of four alphabet characters from {@code i} into {@code out} at {@code o}, and
   * returns where the first quantum that is not all alphabet (or the end) starts.
   */
  private static int quanta(byte[] src, int i, int end, byte[] out, int o) {
    while (end - i >= 4) {
      int a = TABLE[src[i] & 0xff];
      int b = TABLE[src[i + 1] & 0xff];
      int c = TABLE[src[i + 2] & 0xff];
      int d = TABLE[src[i + 3] & 0xff];
      if ((a | b | c | d) < 0) {
        break;
      }
      int v = a << 18 | b << 12 | c << 6 | d;
      out[o++] = (byte) (v >> 16);
      out[o++] = (byte) (v >> 8);
      out[o++] = (byte) v;
      i += 4;
    }
    return i;
  }

  /**
   * How many of the last two characters are padding. A one-line text of {@code 4k} characters ending
   * in {@code t} pads holds at most {@code 4k - t} alphabet characters, which decode to at most
   * {@code 3k - t} bytes: the exact size of a valid text, and room enough before an invalid one fails.
   */
  private static int trailingPads(byte[] src, int off, int end) {
    int t = 0;
    while (t < 2 && end - t > off && src[end - 1 - t] == '=') {
      t++;
    }
    return t;
  }

  private static KeyPairException bad(String what, String why, boolean multiline, int line, int offset) {
    String where = multiline ? "at line " + line : "at offset " + offset;
    return new KeyPairException(ErrorCode.FORMAT, what + " is not valid Base64 " + where + " (" + why + ")");
  }

  /** Standard base64 with padding, one line. */
  public static String encode(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }
}
