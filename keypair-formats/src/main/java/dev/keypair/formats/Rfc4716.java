package dev.keypair.formats;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.CoreAccess;
import dev.keypair.core.internal.StrictBase64;
import dev.keypair.formats.internal.TextLines;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The SSH2 public key file of <a href="https://www.rfc-editor.org/rfc/rfc4716">RFC 4716</a>, as
 * {@code ssh-keygen -e -m RFC4716} writes it and {@code ssh-keygen -i -m RFC4716} reads it:
 * <pre>
 * ---- BEGIN SSH2 PUBLIC KEY ----
 * Comment: "256-bit ED25519, converted by me@host from OpenSSH"
 * x-note: a header longer than 72 bytes is folded: the line ends with a back\
 * slash and goes on on the next line
 * AAAAC3NzaC1lZDI1NTE5AAAAILqA3vdrTWMCdgpB3P+PxBgrN3h5ujoUqSPL5ug5chXZ
 * ---- END SSH2 PUBLIC KEY ----
 * </pre>
 * Headers ({@code Tag: value}, tags compared without regard to case) come before the body, which is
 * the base64 of the RFC 4251 public key blob over one or more lines.
 *
 * <p><b>Reading</b> ({@link #parse(byte[], KeyPairLimits)}):
 * <ul>
 *   <li>Lines end in LF, CRLF or a lone CR (RFC 4716 section 3.1 requires all three); a UTF-8 byte
 *       order mark before the first line is skipped. Blank lines (spaces and tabs only) may stand
 *       before the BEGIN and after the END marker; any other text outside the block, a second block,
 *       a missing END marker or an empty body is {@link ErrorCode#FORMAT}. Spaces and tabs around a
 *       marker are ignored.</li>
 *   <li>A header is a line holding a {@code ':'} before the first body line; a line ending in
 *       {@code '\'} goes on on the next line (the backslash and the line end are removed, whatever
 *       the next line holds). The tag is the text before the first colon: 1 to 64 printable US-ASCII
 *       characters. One space after the colon is skipped (its absence is tolerated); a value
 *       beginning and ending with {@code '"'} loses those two quotes. Header lines are not held to
 *       72 bytes when read, nor values to 1024; only the limits' caps apply.</li>
 *   <li>The key's comment is the first {@code Comment} header's value, as bytes
 *       ({@link Comment#ofBytes(byte[])}); {@link Header#value()} is the same value decoded as UTF-8.
 *       Other headers ({@code Subject}, {@code x-...}, unknown ones) are kept in
 *       {@link Rfc4716Key#headers()}.</li>
 *   <li>The body is canonical base64 (spaces and tabs inside lines are skipped); an error names the
 *       line in the file ({@code RFC4716 body is not valid Base64 at line 3 (...)}). The blob must be
 *       exactly one key: trailing bytes are an error.</li>
 *   <li>Caps: the whole input against {@link KeyPairLimits#maxInputBytes()}, each line against
 *       {@link KeyPairLimits#maxLineBytes()} ({@link ErrorCode#INPUT_TOO_LARGE}); a NUL byte is
 *       {@link ErrorCode#FORMAT}.</li>
 * </ul>
 *
 * <p><b>Writing</b> is byte for byte what {@code ssh-keygen -e -m RFC4716} writes for the same key and
 * comment: the BEGIN marker, the headers, the base64 body wrapped at 70 characters, the END marker, each
 * line ending in LF. {@code Comment} values are always written in double quotes (RFC 4716 section 3.3.2
 * notes that some readers need them); other values only when they would otherwise read back
 * differently (they begin and end with a quote, or end with a backslash). No line is longer than 72
 * bytes: a longer header is folded with {@code '\'} continuations, never inside a UTF-8 sequence, and,
 * where the text allows, so that {@code ssh-keygen -i} (which takes any line containing {@code ": "} for
 * a header and stops at the first header line containing {@code " END "}) reads the file back: the
 * first line does not hold {@code " END "}, and no continuation line holds {@code ": "} or starts with
 * {@code "----"}. A comment that is not UTF-8 is written as its bytes (round trips keep it; strictly,
 * RFC 4716 wants UTF-8); a header value of more than 1024 bytes as written, or a comment with a line
 * break or NUL, is {@link ErrorCode#UNREPRESENTABLE}.
 */
public final class Rfc4716 {

  /** The first line of the block. */
  public static final String BEGIN_MARKER = "---- BEGIN SSH2 PUBLIC KEY ----";
  /** The last line of the block. */
  public static final String END_MARKER = "---- END SSH2 PUBLIC KEY ----";

  /** A header's tag and value, as {@code Tag: value} in the file. */
  public record Header(String tag, String value) {

    /**
     * @param tag   1 to 64 printable US-ASCII characters, no colon (RFC 4716 section 3.3)
     * @param value the logical value: continuations joined, surrounding quotes removed; no CR, LF or NUL
     * @throws IllegalArgumentException if the tag or value breaks those rules
     */
    public Header {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(value, "value");
      if (!validTag(tag)) {
        throw new IllegalArgumentException("an RFC 4716 header tag is 1 to " + MAX_TAG
            + " printable US-ASCII characters without ':'");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\n' || c == '\r' || c == 0) {
          throw new IllegalArgumentException("an RFC 4716 header value cannot hold a line break or NUL");
        }
      }
    }
  }

  static final int MAX_LINE = 72;
  static final int MAX_TAG = 64;
  static final int MAX_VALUE = 1024;
  private static final int BODY_WIDTH = 70;
  private static final String WHAT = "RFC4716 public key";
  private static final byte[] BEGIN = BEGIN_MARKER.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = END_MARKER.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DASHES = {'-', '-', '-', '-'};
  private static final byte[] HEADER_END = {' ', 'E', 'N', 'D', ' '};
  private static final byte[] COLON_SPACE = {':', ' '};

  private Rfc4716() {}

  // ---------------------------------------------------------------- reading

  /** Reads an RFC 4716 file with the default limits. */
  public static Rfc4716Key parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8), KeyPairLimits.defaults());
  }

  /**
   * Reads an RFC 4716 file.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT} for a malformed file, {@link ErrorCode#INPUT_TOO_LARGE}
   *     over a cap, or the blob's own errors (type, value, size)
   */
  public static Rfc4716Key parse(byte[] text) {
    return parse(text, KeyPairLimits.defaults());
  }

  /** Reads an RFC 4716 file. */
  public static Rfc4716Key parse(byte[] text, KeyPairLimits limits) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    limits.checkInputSize(text.length, WHAT);
    int from = TextLines.byteOrderMarkLength(text);
    Lines lines = Lines.split(text, from, limits);
    int n = lines.count;
    int i = 0;
    while (i < n && lines.isBlank(i)) {
      i++;
    }
    if (i == n) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + " is empty");
    }
    if (!lines.isMarker(i, BEGIN)) {
      throw new KeyPairException(ErrorCode.FORMAT,
          WHAT + " does not start with '" + BEGIN_MARKER + "' (line " + (i + 1) + ")");
    }
    i++;

    List<Header> headers = new ArrayList<>();
    byte[] comment = null;
    while (i < n && !lines.isMarker(i, END) && lines.contains(i, (byte) ':')) {
      int first = i;
      ByteArrayOutputStream logical = new ByteArrayOutputStream(lines.length(i));
      while (true) {
        int s = lines.start[i];
        int e = lines.end[i];
        i++;
        if (e > s && text[e - 1] == '\\') {
          logical.write(text, s, e - 1 - s);
          if (i == n) {
            throw new KeyPairException(ErrorCode.FORMAT,
                "RFC4716 header at line " + (first + 1) + " is continued past the end of the file");
          }
        } else {
          logical.write(text, s, e - s);
          break;
        }
      }
      byte[] l = logical.toByteArray();
      int colon = indexOf(l, 0, l.length, (byte) ':');
      if (!validTag(l, colon)) {
        throw new KeyPairException(ErrorCode.FORMAT, "RFC4716 header at line " + (first + 1)
            + " has an invalid tag (1 to " + MAX_TAG + " printable US-ASCII characters before the ':')");
      }
      String tag = new String(l, 0, colon, StandardCharsets.US_ASCII);
      int v = colon + 1;
      if (v < l.length && l[v] == ' ') {
        v++;
      }
      int ve = l.length;
      if (ve - v >= 2 && l[v] == '"' && l[ve - 1] == '"') {
        v++;
        ve--;
      }
      byte[] value = Arrays.copyOfRange(l, v, ve);
      headers.add(new Header(tag, new String(value, StandardCharsets.UTF_8)));
      if (comment == null && tag.equalsIgnoreCase("Comment")) {
        comment = value;
      }
    }

    int bodyStart = i;
    while (i < n && !lines.isMarker(i, END)) {
      if (lines.isMarker(i, BEGIN)) {
        throw new KeyPairException(ErrorCode.FORMAT,
            WHAT + " has a second BEGIN marker at line " + (i + 1) + ", before the END marker");
      }
      i++;
    }
    if (i == n) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + " has no END marker ('" + END_MARKER + "')");
    }
    int bodyEnd = i;
    for (i++; i < n; i++) {
      if (!lines.isBlank(i)) {
        throw new KeyPairException(ErrorCode.FORMAT, lines.isMarker(i, BEGIN)
            ? WHAT + " holds more than one key (another BEGIN marker at line " + (i + 1) + ")"
            : WHAT + " has text after the END marker, at line " + (i + 1));
      }
    }

    byte[] blob = decodeBody(text, lines, bodyStart, bodyEnd);
    KeyData key = KeyData.fromBlob(blob, limits);
    Comment c = comment == null ? Comment.none() : Comment.ofBytes(comment);
    return new Rfc4716Key(SshPublicKey.of(key, c), headers);
  }

  /**
   * The body's lines, decoded. They are copied behind as many LFs as there are lines before the body,
   * each followed by a LF, so that the decoder's line numbers are the file's (whatever its line ends).
   */
  private static byte[] decodeBody(byte[] text, Lines lines, int from, int to) {
    int size = from;
    boolean empty = true;
    for (int k = from; k < to; k++) {
      size += lines.length(k) + 1;
      empty &= lines.isBlank(k);
    }
    if (empty) {
      throw new KeyPairException(ErrorCode.FORMAT, "RFC4716 body is empty");
    }
    byte[] buf = new byte[size];
    Arrays.fill(buf, 0, from, (byte) '\n');
    int o = from;
    for (int k = from; k < to; k++) {
      int len = lines.length(k);
      System.arraycopy(text, lines.start[k], buf, o, len);
      o += len;
      buf[o++] = '\n';
    }
    return StrictBase64.decodeMultiline(buf, 0, size, "RFC4716 body");
  }

  /** The lines of a text, as offsets; LF, CRLF and lone CR end a line. */
  private static final class Lines {
    final byte[] text;
    int[] start = new int[16];
    int[] end = new int[16];
    int count;

    private Lines(byte[] text) {
      this.text = text;
    }

    static Lines split(byte[] text, int from, KeyPairLimits limits) {
      Lines lines = new Lines(text);
      int s = from;
      int i = from;
      while (i < text.length) {
        byte b = text[i];
        if (b == '\n' || b == '\r') {
          lines.add(s, i, limits);
          i += b == '\r' && i + 1 < text.length && text[i + 1] == '\n' ? 2 : 1;
          s = i;
        } else {
          if (b == 0) {
            throw new KeyPairException(ErrorCode.FORMAT, WHAT + " has a NUL byte at line " + (lines.count + 1));
          }
          i++;
        }
      }
      if (s < text.length) {
        lines.add(s, text.length, limits);
      }
      return lines;
    }

    private void add(int s, int e, KeyPairLimits limits) {
      if (e - s > limits.maxLineBytes()) {
        throw new KeyPairException(ErrorCode.INPUT_TOO_LARGE, WHAT + " line " + (count + 1) + " is "
            + (e - s) + " bytes, over the limit of " + limits.maxLineBytes());
      }
      if (count == start.length) {
        start = Arrays.copyOf(start, count * 2);
        end = Arrays.copyOf(end, count * 2);
      }
      start[count] = s;
      end[count] = e;
      count++;
    }

    int length(int k) {
      return end[k] - start[k];
    }

    boolean isBlank(int k) {
      for (int i = start[k]; i < end[k]; i++) {
        if (text[i] != ' ' && text[i] != '\t') {
          return false;
        }
      }
      return true;
    }

    boolean contains(int k, byte c) {
      return indexOf(text, start[k], end[k], c) >= 0;
    }

    /** Whether the line is {@code marker}, spaces and tabs around it aside. */
    boolean isMarker(int k, byte[] marker) {
      int s = start[k];
      int e = end[k];
      while (s < e && (text[s] == ' ' || text[s] == '\t')) {
        s++;
      }
      while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t')) {
        e--;
      }
      return Arrays.equals(text, s, e, marker, 0, marker.length);
    }
  }

  private static boolean validTag(String tag) {
    if (tag.isEmpty() || tag.length() > MAX_TAG) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      if (!tagChar(tag.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean validTag(byte[] l, int length) {
    if (length < 1 || length > MAX_TAG) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!tagChar(l[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private static boolean tagChar(int c) {
    return c > 0x20 && c < 0x7f && c != ':';
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- writing

  /**
   * The file for {@code key}, with a {@code Comment} header holding the key's comment if it has one,
   * as text. A comment that is not UTF-8 is decoded lossily here; {@link #encode(SshPublicKey)}
   * keeps its bytes.
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} for a comment with a line break or NUL,
   *     or longer than RFC 4716 allows
   */
  public static String encodeToString(SshPublicKey key) {
    return new String(encode(key), StandardCharsets.UTF_8);
  }

  /**
   * The file for {@code key} with exactly these headers, in this order, as text. The key's own comment
   * is not written unless {@code headers} holds a {@code Comment} header.
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} for a header value longer than RFC 4716
   *     allows
   */
  public static String encodeToString(SshPublicKey key, List<Header> headers) {
    return new String(encode(key, headers), StandardCharsets.UTF_8);
  }

  /** The file for {@code key} as bytes: a comment is written byte for byte. */
  public static byte[] encode(SshPublicKey key) {
    Objects.requireNonNull(key, "key");
    Comment comment = key.comment();
    if (comment.isEmpty()) {
      return write(key, List.of(), List.of());
    }
    if (comment.hasLineBreakOrNul()) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE,
          "a comment with a line break or NUL cannot be written in an RFC 4716 header");
    }
    return write(key, List.of("Comment"), List.of(quote(CoreAccess.array(comment.bytes()))));
  }

  /** The file for {@code key} with exactly these headers, as bytes. */
  public static byte[] encode(SshPublicKey key, List<Header> headers) {
    Objects.requireNonNull(key, "key");
    List<String> tags = new ArrayList<>(headers.size());
    List<byte[]> values = new ArrayList<>(headers.size());
    for (Header h : headers) {
      byte[] v = h.value().getBytes(StandardCharsets.UTF_8);
      boolean quote = h.tag().equalsIgnoreCase("Comment")
          || (v.length >= 2 && v[0] == '"' && v[v.length - 1] == '"')
          || (v.length > 0 && v[v.length - 1] == '\\');
      tags.add(h.tag());
      values.add(quote ? quote(v) : v);
    }
    return write(key, tags, values);
  }

  private static byte[] quote(byte[] v) {
    byte[] q = new byte[v.length + 2];
    q[0] = '"';
    System.arraycopy(v, 0, q, 1, v.length);
    q[q.length - 1] = '"';
    return q;
  }

  private static byte[] write(SshPublicKey key, List<String> tags, List<byte[]> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    out.writeBytes(BEGIN);
    out.write('\n');
    for (int h = 0; h < tags.size(); h++) {
      String tag = tags.get(h);
      byte[] value = values.get(h);
      if (value.length > MAX_VALUE) {
        throw new KeyPairException(ErrorCode.UNREPRESENTABLE, "RFC 4716 header '" + tag + "' would be "
            + value.length + " bytes, over the format's limit of " + MAX_VALUE);
      }
      byte[] t = tag.getBytes(StandardCharsets.US_ASCII); // checked by Header
      byte[] logical = new byte[t.length + 2 + value.length];
      System.arraycopy(t, 0, logical, 0, t.length);
      logical[t.length] = ':';
      logical[t.length + 1] = ' ';
      System.arraycopy(value, 0, logical, t.length + 2, value.length);
      int s = 0;
      for (int e : fold(logical, t.length + 2)) {
        out.write(logical, s, e - s);
        if (e < logical.length) {
          out.write('\\');
        }
        out.write('\n');
        s = e;
      }
    }
    byte[] b64 = Base64.getEncoder().encode(CoreAccess.array(key.blob()));
    for (int i = 0; i < b64.length; i += BODY_WIDTH) {
      out.write(b64, i, Math.min(BODY_WIDTH, b64.length - i));
      out.write('\n');
    }
    out.writeBytes(END);
    out.write('\n');
    return out.toByteArray();
  }

  /** All rules: line length, UTF-8, and what ssh-keygen -i needs. */
  private static final int STRICT = 0;
  /** Line length and UTF-8 sequences only. */
  private static final int UTF8 = 1;
  /** Line length only (a value that is not UTF-8, with no other way to fold it). */
  private static final int LENGTH = 2;

  /**
   * Where to break a header's logical line {@code l} (which starts with {@code "Tag: "}, {@code head}
   * bytes): the end offset of each physical line, the last being {@code l.length}. Every line but the
   * last gets a {@code '\'}, so holds at most 71 bytes of {@code l}; the last at most 72. Greedy: each
   * line as long as the strictest rules that can be met allow.
   */
  static List<Integer> fold(byte[] l, int head) {
    List<Integer> ends = new ArrayList<>();
    int s = 0;
    while (true) {
      boolean rest = l.length - s <= MAX_LINE;
      if (rest && fits(l, s, l.length, STRICT)) {
        break;
      }
      int e = split(l, s, head, STRICT);
      if (e < 0) {
        if (rest) {
          break;
        }
        e = split(l, s, head, UTF8);
        if (e < 0) {
          e = split(l, s, head, LENGTH);
        }
      }
      ends.add(e);
      s = e;
    }
    ends.add(l.length);
    return ends;
  }

  private static int split(byte[] l, int s, int head, int level) {
    int lo = s == 0 ? head : s + 1;
    int hi = Math.min(s + MAX_LINE - 1, l.length - 1);
    for (int e = hi; e >= lo; e--) {
      if (fits(l, s, e, level)
          && (level == LENGTH || (l[e] & 0xC0) != 0x80)
          && (level != STRICT || !startsWith(l, e, DASHES))) {
        return e;
      }
    }
    return -1;
  }

  /** Whether {@code l[s, e)} may be one physical line under {@code level}'s rules (length aside). */
  private static boolean fits(byte[] l, int s, int e, int level) {
    if (level != STRICT) {
      return true;
    }
    return s == 0
        ? find(l, 0, e, HEADER_END) < 0
        : find(l, s, e, COLON_SPACE) < 0 && !startsWith(l, s, DASHES);
  }

  private static boolean startsWith(byte[] l, int at, byte[] prefix) {
    return l.length - at >= prefix.length && Arrays.equals(l, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static int find(byte[] l, int s, int e, byte[] needle) {
    for (int i = s; i <= e - needle.length; i++) {
      if (Arrays.equals(l, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
