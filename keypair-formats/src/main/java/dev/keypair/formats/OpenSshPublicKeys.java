package dev.keypair.formats;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.CoreAccess;
import dev.keypair.core.internal.StrictBase64;
import dev.keypair.formats.internal.ByteScan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The OpenSSH public key line, as in {@code id_ed25519.pub} and {@code authorized_keys}:
 * <pre>
 * ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC+tHAiOiAHmCH/etWfGc522qhHZFf8qRd/Ja0rx7EoK me@host
 * ^type       ^base64 of the RFC 4251 public key blob                               ^comment
 * </pre>
 *
 * <p>Reading: leading spaces and tabs are skipped; fields are separated by runs of spaces, tabs or
 * carriage returns (some tools emit CR separators); the type must equal the algorithm name inside
 * the blob ({@link ErrorCode#TYPE_MISMATCH}); the base64 must be canonical; the comment is everything
 * after the whitespace that follows the blob, byte for byte, inner and trailing spaces included, up to
 * the line end (LF or CRLF). Writing: {@code type SP base64 [SP comment]}, the form ssh-keygen writes,
 * so a line ssh-keygen wrote round-trips byte for byte. The line cannot carry whitespace at the start
 * of a comment: it is written, as ssh-keygen writes it, and dropped when read back.
 *
 * <p>A line with {@code authorized_keys} options in front is read by {@link AuthorizedKeys}.
 */
public final class OpenSshPublicKeys {

  private OpenSshPublicKeys() {}

  /** Reads one line (a final line end is allowed) with the default limits. */
  public static SshPublicKey parse(String line) {
    return parse(line.getBytes(StandardCharsets.UTF_8), KeyPairLimits.defaults());
  }

  /** Reads one line (a final line end is allowed) with the default limits. */
  public static SshPublicKey parse(byte[] line) {
    return parse(line, KeyPairLimits.defaults());
  }

  /** Reads one line (a final line end is allowed). */
  public static SshPublicKey parse(byte[] line, KeyPairLimits limits) {
    int end = singleLineEnd(line, limits, "OpenSSH public key");
    return parseAt(line, dev.keypair.formats.internal.TextLines.byteOrderMarkLength(line), end, limits,
        "OpenSSH public key");
  }

  /**
   * Where the text of a one-line input ends: before a final LF or CRLF. Checks the input and line caps
   * and that there is no other LF and no NUL. Shared by the one-line readers of this package.
   */
  static int singleLineEnd(byte[] line, KeyPairLimits limits, String what) {
    limits.checkInputSize(line.length, what);
    int end = line.length;
    if (end > 0 && line[end - 1] == '\n') {
      end--;
    }
    if (end > 0 && line[end - 1] == '\r') {
      end--;
    }
    int i = ByteScan.indexOfAny(line, 0, end, (byte) '\n', (byte) 0, (byte) 0);
    if (i >= 0) {
      throw new KeyPairException(ErrorCode.FORMAT,
          line[i] == '\n' ? what + " is more than one line" : what + " has a NUL byte at offset " + i);
    }
    if (end > limits.maxLineBytes()) {
      throw new KeyPairException(ErrorCode.INPUT_TOO_LARGE,
          what + " line is " + end + " bytes, over the limit of " + limits.maxLineBytes());
    }
    return end;
  }

  /**
   * Reads a key from {@code buf[from, end)}, which holds no line end: the type, the base64 blob and
   * the comment. For {@link AuthorizedKeys}, after the options.
   */
  static SshPublicKey parseAt(byte[] buf, int from, int end, KeyPairLimits limits, String what) {
    int i = skipSpace(buf, from, end);
    if (i == end) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " is empty");
    }
    int typeStart = i;
    while (i < end && !isSpace(buf[i])) {
      i++;
    }
    int typeEnd = i;
    i = skipSpace(buf, i, end);
    int b64Start = i;
    int separator = ByteScan.indexOfAny(buf, i, end, (byte) ' ', (byte) '\t', (byte) '\r');
    int b64End = separator < 0 ? end : separator;
    if (b64Start == b64End) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has no key data after the type");
    }
    i = skipSpace(buf, b64End, end);
    byte[] blob = StrictBase64.decode(buf, b64Start, b64End - b64Start, what + "'s key data");
    if (blob.length == 0) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has empty key data");
    }
    KeyData key = KeyData.fromBlob(blob, limits);
    if (!isName(key.algorithmName(), buf, typeStart, typeEnd)) {
      throw new KeyPairException(ErrorCode.TYPE_MISMATCH,
          what + " says " + printable(buf, typeStart, typeEnd) + " but its key data is " + key.algorithmName());
    }
    Comment comment = i == end ? Comment.none() : Comment.ofBytes(CoreAccess.wrap(Arrays.copyOfRange(buf, i, end)));
    return SshPublicKey.of(key, comment);
  }

  /** The line for {@code key}, without a line end: {@code type SP base64 [SP comment]}. */
  public static byte[] encode(SshPublicKey key) {
    if (!key.comment().fitsOnOneLine()) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE,
          "a comment with a line feed, a NUL or a final carriage return cannot be written on an OpenSSH public key line");
    }
    byte[] type = key.keyData().algorithmName().getBytes(StandardCharsets.US_ASCII);
    byte[] b64 = java.util.Base64.getEncoder().encode(CoreAccess.array(key.blob()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + b64.length + 2 + key.comment().bytes().length());
    out.writeBytes(type);
    out.write(' ');
    out.writeBytes(b64);
    if (!key.comment().isEmpty()) {
      out.write(' ');
      out.writeBytes(CoreAccess.array(key.comment().bytes()));
    }
    return out.toByteArray();
  }

  /**
   * The line for {@code key} as a String, without a line end. A comment that is not UTF-8 is
   * decoded lossily; {@link #encode(SshPublicKey)} keeps its bytes.
   */
  public static String encodeToString(SshPublicKey key) {
    return new String(encode(key), StandardCharsets.UTF_8);
  }

  static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  static int skipSpace(byte[] buf, int i, int end) {
    while (i < end && isSpace(buf[i])) {
      i++;
    }
    return i;
  }

  /** Whether {@code buf[start, end)}, read as ISO-8859-1, is {@code name}; without making a String. */
  private static boolean isName(String name, byte[] buf, int start, int end) {
    if (name.length() != end - start) {
      return false;
    }
    for (int k = 0; k < name.length(); k++) {
      if (name.charAt(k) != (buf[start + k] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  /** A type token for an error message: printable ASCII, shortened. */
  static String printable(byte[] buf, int start, int end) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = start; i < end && i < start + 40; i++) {
      int c = buf[i] & 0xff;
      sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
    if (end - start > 40) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
