package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.StrictBase64;
import dev.keypair.formats.internal.ByteScan;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@code authorized_keys} file of sshd(8) ("AUTHORIZED_KEYS FILE FORMAT"): one key a line, each
 * optionally preceded by options, with comment and blank lines between.
 * <pre>
 * # the deploy key may only run the deploy script
 * command="/usr/local/bin/deploy",no-pty,no-port-forwarding ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... deploy
 *
 * ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ... alice@laptop
 * from="10.0.0.0/8",expiry-time="20301231Z" ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAA...
 * </pre>
 *
 * <p><b>Lines.</b> A line ends at LF; a CR just before the LF (or just before the end of the input) is
 * part of the line end, so CRLF and mixed files read like LF files. Each line remembers its end: a line
 * read with CRLF is written back with CRLF (also after a change through {@link AuthorizedKeyEntry#withKey}
 * or {@link AuthorizedKeyEntry#withOptions}), every other line, and every new one, with LF. Any other CR
 * stays in the line (and separates fields, as in {@link OpenSshPublicKeys}). A line whose first
 * character other than spaces, tabs and CRs is {@code #} is a comment; a line of nothing else is blank;
 * both are kept. A line that holds a NUL byte ({@link ErrorCode#FORMAT}), or is longer than
 * {@link KeyPairLimits#maxLineBytes()} ({@link ErrorCode#INPUT_TOO_LARGE}), is invalid.
 *
 * <p><b>Options or not.</b> If the line's first field is a key type and the next decodes as a key blob of
 * that type, the line has no options. Otherwise the first field is read as options: comma-separated,
 * no spaces except inside double quotes, each a flag or {@code name="value"} where {@code \"} stands
 * for a quote and other backslashes are themselves; then the key follows ({@link AuthorizedKeyOption}
 * lists the options and the checks on their values). When the first field is a known key type name,
 * the key's own error is reported rather than "unknown option". An unterminated quote is
 * {@link ErrorCode#FORMAT}; an unknown option, an empty one (as in {@code no-pty,,pty} or a trailing
 * comma) or a bad value is {@link ErrorCode#INVALID_OPTION}; the key part is read as
 * {@link OpenSshPublicKeys} reads a line.
 *
 * <p><b>Reading a file</b> ({@link #stream}, {@link #parse(byte[], KeyPairLimits)}) never fails on a bad
 * line: the line becomes an {@link AuthorizedKeysLine.Other} of kind {@code INVALID}, with its bytes
 * and the error (whose message starts {@code authorized_keys line N:}). {@link #parseEntry} reads one
 * line strictly and throws.
 *
 * <p><b>Writing</b> ({@link #encode}, {@link #write}) puts each line's {@link AuthorizedKeysLine#toBytes()}
 * and its line end (see above). Lines read from a file are written back byte for byte, so
 * {@code encode(parse(x))} equals {@code x} for any input whose last line ends in LF (or that is empty),
 * CRLF and mixed line ends included; entries made or changed through the API are written canonically
 * ({@link AuthorizedKeyEntry}). The one input that cannot come back is an over-long line met by
 * {@link #stream}, which is not kept whole.
 */
public final class AuthorizedKeys {

  private static final String ENTRY = "authorized_keys entry";
  private static final String LINE = "the line";
  private static final int BUFFER = 64 * 1024;
  private static final byte[][] KEY_TYPE_NAMES = Arrays.stream(KeyType.values()).filter(t -> t != KeyType.UNKNOWN)
      .map(t -> t.sshName().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
  /** {@code -cert-v01@openssh.com}, which ends every certificate type name. */
  private static final byte[] CERTIFICATE_SUFFIX = KeyType.RSA.certificateName()
      .substring(KeyType.RSA.sshName().length()).getBytes(StandardCharsets.US_ASCII);

  private AuthorizedKeys() {}

  // ---------------------------------------------------------------- reading files

  /**
   * The lines of a file, read lazily one at a time in constant memory: one buffer of 64 KiB, grown to
   * {@link KeyPairLimits#maxLineBytes()} plus two only if a line needs it, whatever the file's size (the
   * input size cap does not apply); lines are parsed from that buffer, never through a String. An over-long line is skipped to its LF without being buffered and becomes an
   * {@code INVALID} line with {@link ErrorCode#INPUT_TOO_LARGE} holding its first {@code maxLineBytes()}
   * bytes. An {@link IOException} from {@code in} is thrown as {@link UncheckedIOException} by the
   * stream's terminal operation. The caller closes {@code in}.
   */
  public static Stream<AuthorizedKeysLine> stream(InputStream in, KeyPairLimits limits) {
    Reader reader = new Reader(Objects.requireNonNull(in, "in"), Objects.requireNonNull(limits, "limits"));
    Spliterator<AuthorizedKeysLine> lines = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      @Override
      public boolean tryAdvance(Consumer<? super AuthorizedKeysLine> action) {
        AuthorizedKeysLine line;
        try {
          line = reader.next();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (line == null) {
          return false;
        }
        action.accept(line);
        return true;
      }
    };
    return StreamSupport.stream(lines, false);
  }

  /**
   * The lines of a whole file.
   *
   * @throws KeyPairException {@link ErrorCode#INPUT_TOO_LARGE} if {@code content} is over
   *     {@link KeyPairLimits#maxInputBytes()}; a bad line is an {@code INVALID} line instead
   */
  public static List<AuthorizedKeysLine> parse(byte[] content, KeyPairLimits limits) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(limits, "limits");
    limits.checkInputSize(content.length, "authorized_keys file");
    List<AuthorizedKeysLine> lines = new ArrayList<>();
    int start = 0;
    long number = 0;
    while (start < content.length) {
      // one pass finds the line end and whether a NUL comes before it, as the stream reader does
      boolean nul = false;
      int lf = ByteScan.indexOfAny(content, start, content.length, (byte) '\n', (byte) 0, (byte) 0);
      if (lf >= 0 && content[lf] == 0) {
        nul = true; // further NULs change nothing: only the line end is looked for now
        lf = indexOfLf(content, lf + 1, content.length);
      }
      int end = lf < 0 ? content.length : lf;
      lines.add(line(content, start, end, nul, ++number, limits));
      start = end + 1;
    }
    return lines;
  }

  /** The lines of a whole file given as text (UTF-8), with the default limits. */
  public static List<AuthorizedKeysLine> parse(String content) {
    return parse(content.getBytes(StandardCharsets.UTF_8), KeyPairLimits.defaults());
  }

  // ---------------------------------------------------------------- one entry

  /**
   * Reads one key line, options optional; a final LF or CRLF is allowed.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT} for a blank or comment line, more than one line, a
   *     NUL byte or an unterminated quote; {@link ErrorCode#INVALID_OPTION} for a bad option;
   *     {@link ErrorCode#INPUT_TOO_LARGE} over a cap; the key's own errors
   */
  public static AuthorizedKeyEntry parseEntry(byte[] line, KeyPairLimits limits) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(limits, "limits");
    int end = OpenSshPublicKeys.singleLineEnd(line, limits, ENTRY);
    for (int i = 0; i < end; i++) {
      if (line[i] == 0) {
        throw new KeyPairException(ErrorCode.FORMAT, ENTRY + " has a NUL byte");
      }
    }
    byte[] own = Arrays.copyOf(line, end);
    int first = OpenSshPublicKeys.skipSpace(own, 0, end);
    if (first == end) {
      throw new KeyPairException(ErrorCode.FORMAT, ENTRY + " is empty");
    }
    if (own[first] == '#') {
      throw new KeyPairException(ErrorCode.FORMAT, ENTRY + " is a comment line");
    }
    return entry(own, first, limits, ENTRY);
  }

  /** Reads one key line with the default limits (see {@link #parseEntry(byte[], KeyPairLimits)}). */
  public static AuthorizedKeyEntry parseEntry(String line) {
    return parseEntry(line.getBytes(StandardCharsets.UTF_8), KeyPairLimits.defaults());
  }

  // ---------------------------------------------------------------- writing

  /**
   * The file: each line's bytes and its line end.
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} for a truncated line (see
   *     {@link AuthorizedKeysLine.Other#isTruncated()})
   */
  public static byte[] encode(List<? extends AuthorizedKeysLine> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 128);
    try {
      writeLines(lines, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return out.toByteArray();
  }

  /**
   * Writes the file to {@code out} (buffered here; flushed, not closed).
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} for a truncated line, before writing it
   */
  public static void write(Iterable<? extends AuthorizedKeysLine> lines, OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
    writeLines(lines, buffered);
    buffered.flush();
  }

  private static void writeLines(Iterable<? extends AuthorizedKeysLine> lines, OutputStream out) throws IOException {
    int number = 0;
    for (AuthorizedKeysLine line : lines) {
      out.write(bytesOf(line, ++number));
      if (crlf(line)) {
        out.write('\r');
      }
      out.write('\n');
    }
  }

  private static boolean crlf(AuthorizedKeysLine line) {
    return line instanceof AuthorizedKeyEntry e ? e.crlf() : ((AuthorizedKeysLine.Other) line).crlf();
  }

  private static byte[] bytesOf(AuthorizedKeysLine line, int number) {
    if (line instanceof AuthorizedKeyEntry e) {
      return e.bytes();
    }
    AuthorizedKeysLine.Other other = (AuthorizedKeysLine.Other) line;
    if (other.isTruncated()) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE, "line " + number
          + " is an over-long line of which only the start was read; it cannot be written back");
    }
    return other.bytes();
  }

  // ---------------------------------------------------------------- lines

  /**
   * The line {@code src[start, end)} ({@code end} at its LF or the end of the input), numbered
   * {@code number}, which holds a NUL byte if {@code nul}: copied, classified, and read if it holds a key.
   */
  static AuthorizedKeysLine line(byte[] src, int start, int end, boolean nul, long number, KeyPairLimits limits) {
    boolean crlf = end > start && src[end - 1] == '\r';
    if (crlf) {
      end--;
    }
    byte[] bytes = Arrays.copyOfRange(src, start, end);
    if (bytes.length > limits.maxLineBytes()) {
      return invalid(bytes, new KeyPairException(ErrorCode.INPUT_TOO_LARGE, "authorized_keys line " + number
          + " is " + bytes.length + " bytes, over the limit of " + limits.maxLineBytes()), false, crlf);
    }
    if (nul) {
      return invalid(bytes, new KeyPairException(ErrorCode.FORMAT,
          "authorized_keys line " + number + " has a NUL byte"), false, crlf);
    }
    int first = OpenSshPublicKeys.skipSpace(bytes, 0, bytes.length);
    if (first == bytes.length) {
      return bytes.length == 0 && !crlf ? AuthorizedKeysLine.Other.blank()
          : new AuthorizedKeysLine.Other(AuthorizedKeysLine.Other.Kind.BLANK, bytes, null, false, crlf);
    }
    if (bytes[first] == '#') {
      return new AuthorizedKeysLine.Other(AuthorizedKeysLine.Other.Kind.COMMENT, bytes, null, false, crlf);
    }
    try {
      AuthorizedKeyEntry entry = entry(bytes, first, limits, LINE);
      return crlf ? entry.readWithCrlf() : entry;
    } catch (KeyPairException e) {
      return invalid(bytes, new KeyPairException(e.code(), "authorized_keys line " + number + ": " + e.getMessage(), e),
          false, crlf);
    }
  }

  private static AuthorizedKeysLine.Other invalid(byte[] bytes, KeyPairException why, boolean truncated,
      boolean crlf) {
    return new AuthorizedKeysLine.Other(AuthorizedKeysLine.Other.Kind.INVALID, bytes, why, truncated, crlf);
  }

  /**
   * Reads the entry in {@code line} (owned, no line end, no NUL), whose first character other than
   * white space is at {@code first} and is not {@code #}.
   */
  static AuthorizedKeyEntry entry(byte[] line, int first, KeyPairLimits limits, String what) {
    int end = line.length;
    int t = first;
    boolean optionLike = false;
    while (t < end && !OpenSshPublicKeys.isSpace(line[t])) {
      byte b = line[t];
      optionLike |= b == ',' || b == '=' || b == '"';
      t++;
    }
    // a key type name is never an option name, so a line that starts with one skips those two checks
    if (!optionLike && (isKeyTypeName(line, first, t) || !AuthorizedKeyOption.isKnownName(line, first, t)
        && isBase64Token(line, OpenSshPublicKeys.skipSpace(line, t, end), end))) {
      try {
        return AuthorizedKeyEntry.parsed(List.of(), OpenSshPublicKeys.parseAt(line, first, end, limits, what), line);
      } catch (KeyPairException e) {
        if (isKeyTypeName(line, first, t)) {
          throw e;
        }
        // not a key: read the first field as options, which says what is wrong with it
      }
    }
    // options must be followed by a key: find the end of the (quote-aware) options field first, and only
    // read it as options once what follows parses as a key, so that text which is no key line at all
    // is reported as such, not as an unknown option
    List<AuthorizedKeyOption> options = new ArrayList<>(4);
    int optionsEnd = endOfOptionsField(line, first, end);
    if (optionsEnd < 0) {
      parseOptions(line, first, end, options, what); // throws: it says which option's quote is open
      throw notAKeyLine(what);
    }
    int k = OpenSshPublicKeys.skipSpace(line, optionsEnd, end);
    if (k == end) {
      if (isKeyTypeName(line, first, t)) {
        throw new KeyPairException(ErrorCode.FORMAT, what + " has no key data after the type");
      }
      try {
        parseOptions(line, first, optionsEnd, options, what);
      } catch (KeyPairException e) {
        throw notAKeyLine(what);
      }
      throw new KeyPairException(ErrorCode.FORMAT, what + " has options but no key");
    }
    SshPublicKey key;
    try {
      key = OpenSshPublicKeys.parseAt(line, k, end, limits, what);
    } catch (KeyPairException e) {
      int k2 = k;
      while (k2 < end && !OpenSshPublicKeys.isSpace(line[k2])) {
        k2++;
      }
      if (isKeyTypeName(line, k, k2)) {
        throw e; // options, then a key type: the key itself is bad
      }
      throw notAKeyLine(what);
    }
    int after = parseOptions(line, first, optionsEnd, options, what);
    if (after != optionsEnd) {
      throw new KeyPairException(ErrorCode.INVALID_OPTION, what + ": the options end early at offset " + after);
    }
    return AuthorizedKeyEntry.parsed(options, key, line);
  }

  private static KeyPairException notAKeyLine(String what) {
    return new KeyPairException(ErrorCode.FORMAT,
        what + " is not a key line: neither 'type base64 [comment]' nor 'options type base64 [comment]'");
  }

  /**
   * The end of the options field at {@code from}: the first white space outside double quotes, or
   * -1 if a quote is still open at the end of the line.
   */
  private static int endOfOptionsField(byte[] line, int from, int end) {
    boolean quoted = false;
    for (int i = from; i < end; i++) {
      byte b = line[i];
      if (b == '"' && (!quoted || line[i - 1] != '\\')) {
        quoted = !quoted;
      } else if (!quoted && OpenSshPublicKeys.isSpace(b)) {
        return i;
      }
    }
    return quoted ? -1 : end;
  }

  /** Whether the field at {@code from} is base64 characters only (so could be a key blob). */
  private static boolean isBase64Token(byte[] line, int from, int end) {
    int i = from;
    while (i < end && !OpenSshPublicKeys.isSpace(line[i])) {
      if (!StrictBase64.isAlphabetOrPad(line[i] & 0xff)) {
        return false;
      }
      i++;
    }
    return i > from;
  }

  /** Whether {@code line[from, to)} is a known key type name or a certificate type name, known or not. */
  static boolean isKeyTypeName(byte[] line, int from, int to) {
    for (byte[] name : KEY_TYPE_NAMES) {
      if (Arrays.equals(line, from, to, name, 0, name.length)) {
        return true;
      }
    }
    int n = CERTIFICATE_SUFFIX.length;
    return to - from >= n && Arrays.equals(line, to - n, to, CERTIFICATE_SUFFIX, 0, n);
  }

  /**
   * Reads the options at {@code buf[from, end)} into {@code out}, up to the first unquoted white space;
   * returns its offset (or {@code end}).
   */
  static int parseOptions(byte[] buf, int from, int end, List<AuthorizedKeyOption> out, String what) {
    int i = from;
    while (true) {
      int nameStart = i;
      while (i < end) {
        byte b = buf[i];
        if (b == '=' || b == ',' || b == '"' || OpenSshPublicKeys.isSpace(b)) {
          break;
        }
        i++;
      }
      if (i == nameStart) {
        throw new KeyPairException(ErrorCode.INVALID_OPTION,
            what + " has an empty option at offset " + nameStart + " (options are name or name=\"value\", comma-separated)");
      }
      String name = new String(buf, nameStart, i - nameStart, StandardCharsets.ISO_8859_1);
      String value = null;
      if (i < end && buf[i] == '=') {
        i++;
        if (i == end || buf[i] != '"') {
          throw new KeyPairException(ErrorCode.INVALID_OPTION, what + ": the value of option "
              + OpenSshPublicKeys.printable(buf, nameStart, i - 1) + " must be in double quotes");
        }
        int valueStart = ++i;
        int escapes = 0;
        while (i < end && buf[i] != '"') {
          if (buf[i] == '\\' && i + 1 < end && buf[i + 1] == '"') {
            escapes++;
            i++;
          }
          i++;
        }
        if (i == end) {
          throw new KeyPairException(ErrorCode.FORMAT, what + ": the value of option "
              + OpenSshPublicKeys.printable(buf, nameStart, valueStart - 2) + " has no closing quote");
        }
        value = new String(unescape(buf, valueStart, i, escapes), StandardCharsets.UTF_8);
        i++;
      }
      out.add(new AuthorizedKeyOption(name, value));
      if (i == end || OpenSshPublicKeys.isSpace(buf[i])) {
        return i;
      }
      if (buf[i] != ',') {
        throw new KeyPairException(ErrorCode.INVALID_OPTION, what + ": unexpected character at offset " + i
            + " after option " + OpenSshPublicKeys.printable(buf, nameStart, Math.min(i, nameStart + 40)));
      }
      i++;
    }
  }

  /** {@code buf[from, to)} with each {@code \"} made {@code "}; {@code escapes} is how many there are. */
  private static byte[] unescape(byte[] buf, int from, int to, int escapes) {
    if (escapes == 0) {
      return Arrays.copyOfRange(buf, from, to);
    }
    byte[] v = new byte[to - from - escapes];
    int o = 0;
    for (int i = from; i < to; i++) {
      if (buf[i] == '\\' && i + 1 < to && buf[i + 1] == '"') {
        i++;
      }
      v[o++] = buf[i];
    }
    return v;
  }

  static int indexOfLf(byte[] b, int from, int to) {
    return ByteScan.indexOfAny(b, from, to, (byte) '\n', (byte) '\n', (byte) '\n');
  }

  /**
   * Reads lines from a stream with its own buffer: a line is parsed from the buffer, never from a String,
   * and an over-long line is skipped without being kept.
   */
  private static final class Reader {
    private final InputStream in;
    private final KeyPairLimits limits;
    private final int max;
    private final int capacity;
    private byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private long number;
    /** Whether the bytes of the current line scanned so far hold a NUL. */
    private boolean nul;

    Reader(InputStream in, KeyPairLimits limits) {
      this.in = in;
      this.limits = limits;
      this.max = limits.maxLineBytes();
      // room for a whole line, its CR and its LF
      this.capacity = (int) Math.max(BUFFER, Math.min((long) max + 2, Integer.MAX_VALUE - 16));
      this.buf = new byte[BUFFER];
    }

    /** The next line, or null at the end of the input. */
    AuthorizedKeysLine next() throws IOException {
      int scan = pos;
      while (true) {
        // one pass finds the line end and whether a NUL comes before it
        int lf = ByteScan.indexOfAny(buf, scan, lim, (byte) '\n', (byte) 0, (byte) 0);
        if (lf >= 0 && buf[lf] == 0) {
          nul = true; // further NULs change nothing: only the line end is looked for now
          lf = indexOfLf(buf, lf + 1, lim);
        }
        if (lf >= 0) {
          AuthorizedKeysLine line = line(buf, pos, lf, nul, ++number, limits);
          pos = lf + 1;
          nul = false;
          return line;
        }
        if (lim - pos > max + 1L) {
          return skipLongLine();
        }
        if (eof) {
          if (pos == lim) {
            return null;
          }
          AuthorizedKeysLine line = line(buf, pos, lim, nul, ++number, limits);
          pos = lim;
          nul = false;
          return line;
        }
        scan = lim;
        if (pos > 0) {
          System.arraycopy(buf, pos, buf, 0, lim - pos);
          scan -= pos;
          lim -= pos;
          pos = 0;
        }
        if (lim == buf.length) {
          if (buf.length == capacity) {
            return skipLongLine(); // only with a line limit near 2 GiB
          }
          buf = Arrays.copyOf(buf, (int) Math.min(buf.length * 2L, capacity));
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
          eof = true;
        } else {
          lim += n;
        }
      }
    }

    /**
     * The line at {@code pos} has no LF within the limit: keeps its first {@code max} bytes, reads on to
     * its LF without keeping anything, and reports it.
     */
    private AuthorizedKeysLine skipLongLine() throws IOException {
      number++;
      nul = false;
      byte[] start = Arrays.copyOfRange(buf, pos, pos + Math.min(max, lim - pos));
      long length = lim - pos;
      byte last = buf[lim - 1];
      pos = 0;
      lim = 0;
      while (!eof) {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
          eof = true;
          break;
        }
        int lf = indexOfLf(buf, 0, n);
        if (lf >= 0) {
          length += lf;
          last = lf > 0 ? buf[lf - 1] : last;
          pos = lf + 1;
          lim = n;
          break;
        }
        if (n > 0) {
          length += n;
          last = buf[n - 1];
        }
      }
      if (last == '\r') {
        length--;
      }
      return invalid(start, new KeyPairException(ErrorCode.INPUT_TOO_LARGE, "authorized_keys line " + number
          + " is " + length + " bytes, over the limit of " + max + "; only its start was kept"), true, last == '\r');
    }
  }
}
