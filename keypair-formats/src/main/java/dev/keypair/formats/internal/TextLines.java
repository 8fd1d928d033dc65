package dev.keypair.formats.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits text input into lines, byte for byte.
 *
 * <p>Lines end at LF; one CR before the LF (or at the very end) is dropped, so LF, CRLF and mixed
 * endings all read the same. A lone CR inside a line is kept. Each line is a String holding one
 * char per byte (ISO-8859-1), so {@code line.getBytes(ISO_8859_1)} gives back the exact bytes: comments
 * that are not UTF-8 survive. Checks, before anything is decoded: the whole input against
 * {@link KeyPairLimits#maxInputBytes()}, each line against {@link KeyPairLimits#maxLineBytes()}
 * ({@link ErrorCode#INPUT_TOO_LARGE}), and no NUL byte anywhere ({@link ErrorCode#FORMAT}).
 */
public final class TextLines {

  private TextLines() {}

  /**
   * 3 if {@code text} starts with a UTF-8 byte order mark (EF BB BF, which Windows editors write),
   * else 0. Every text reader of keypair skips it.
   */
  public static int byteOrderMarkLength(byte[] text) {
    return text.length >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb && (text[2] & 0xff) == 0xbf
        ? 3 : 0;
  }

  /** The lines of {@code data}; a final line end does not start another line. */
  public static List<String> split(byte[] data, int off, int len, KeyPairLimits limits, String what) {
    int[] spans = spans(data, off, len, limits, what);
    List<String> lines = new ArrayList<>(spans.length / 2);
    for (int k = 0; k < spans.length; k += 2) {
      lines.add(new String(data, spans[k], spans[k + 1] - spans[k], StandardCharsets.ISO_8859_1));
    }
    return lines;
  }

  /**
   * Where the lines of {@link #split(byte[], int, int, KeyPairLimits, String)} are, with the same checks,
   * for a reader that wants no String of them: line {@code k} (from 0) is {@code data[spans[2k],
   * spans[2k + 1])}, without its line end.
   */
  public static int[] spans(byte[] data, int off, int len, KeyPairLimits limits, String what) {
    limits.checkInputSize(len, what);
    int[] spans = new int[16];
    int count = 0;
    int end = off + len;
    int start = off;
    while (true) {
      // the next line end or NUL, eight bytes at a time
      int hit = ByteScan.indexOfAny(data, start, end, (byte) '\n', (byte) 0, (byte) '\n');
      if (hit >= 0 && data[hit] == 0) {
        throw new KeyPairException(ErrorCode.FORMAT, what + " has a NUL byte at line " + (count / 2 + 1));
      }
      int lineEnd = hit < 0 ? end : hit;
      if (hit < 0 && start == end) {
        break; // nothing after the last line end
      }
      int stop = lineEnd;
      if (stop > start && data[stop - 1] == '\r') {
        stop--;
      }
      checkLine(stop - start, count / 2 + 1, limits, what);
      if (count == spans.length) {
        spans = Arrays.copyOf(spans, 2 * count);
      }
      spans[count++] = start;
      spans[count++] = stop;
      if (hit < 0) {
        break;
      }
      start = lineEnd + 1;
    }
    return Arrays.copyOf(spans, count);
  }

  /** The lines of a whole input, after a leading byte order mark. */
  public static List<String> split(byte[] data, KeyPairLimits limits, String what) {
    int bom = byteOrderMarkLength(data);
    return split(data, bom, data.length - bom, limits, what);
  }

  /** Fails with {@link ErrorCode#INPUT_TOO_LARGE} if a line of {@code length} bytes is over the cap. */
  public static void checkLine(int length, int lineNumber, KeyPairLimits limits, String what) {
    if (length > limits.maxLineBytes()) {
      throw new KeyPairException(ErrorCode.INPUT_TOO_LARGE, what + " line " + lineNumber + " is " + length
          + " bytes, over the limit of " + limits.maxLineBytes());
    }
  }

  /** The bytes of a line returned by {@link #split}. */
  public static byte[] bytes(String line) {
    return line.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Whether the line is empty or only spaces and tabs. */
  public static boolean isBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }
}
