package dev.keypair.formats.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.internal.StrictBase64;
import dev.keypair.core.internal.Wipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * PEM text (<a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468</a>), with the RFC 1421 headers
 * of legacy encrypted keys:
 * <pre>
 * explanatory text, ignored                        (RFC 7468 section 5.2; openssl pkcs12 writes "Bag Attributes")
 * -----BEGIN RSA PRIVATE KEY-----                  label: printable ASCII, single spaces or hyphens inside
 * Proc-Type: 4,ENCRYPTED                           optional headers, only directly after BEGIN (RFC 1421 4.6)
 * DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF
 *                                                  a blank line ends the headers
 * MIIEowIBAAKCAQEA...                              base64 of the DER, any line width
 * -----END RSA PRIVATE KEY-----                    the same label
 * explanatory text, ignored
 * </pre>
 *
 * <p>Policy when reading (each failure is {@link ErrorCode#FORMAT} naming the line):
 * <ul>
 *   <li>exactly one block per input: a second {@code -----BEGIN} line, after the first block or inside
 *       it, is an error (keypair never guesses which of two keys was meant);
 *   <li>lines before BEGIN and after END are explanatory text and ignored, unless one starts with
 *       {@code -----BEGIN}; leading and trailing spaces and tabs around a BEGIN or END line are allowed;
 *   <li>a line starting with {@code -----BEGIN } that is not a well-formed boundary, a missing END line,
 *       and an END label that differs from the BEGIN label are errors;
 *   <li>headers ({@code Name: value}) are read only from the line right after BEGIN on, one per line
 *       (no folding), kept in order, and must be ended by a blank line; a {@code :} anywhere else is
 *       bad base64;
 *   <li>the body is canonical base64 ({@link StrictBase64}): spaces, tabs and blank lines are
 *       skipped, lines may have any width, errors name the line of the input;
 *   <li>LF, CRLF and mixed line ends are all fine; a NUL byte anywhere is an error; the input and each
 *       line are checked against {@link KeyPairLimits#maxInputBytes()} and
 *       {@link KeyPairLimits#maxLineBytes()} before anything is decoded ({@link ErrorCode#INPUT_TOO_LARGE}).
 * </ul>
 *
 * <p>Writing: {@code -----BEGIN label-----}, the headers and a blank line if any, base64 in lines of 64
 * characters, {@code -----END label-----}, every line ended by LF; the form openssl and ssh-keygen write.
 */
public final class PemBlocks {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int LINE_WIDTH = 64;
  private static final int MAX_LABEL_IN_MESSAGE = 40;

  private PemBlocks() {}

  /** One RFC 1421 header line, {@code name: value}, as read (value without surrounding spaces). */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  /** One PEM block: its label, its headers in order, and the DER bytes of its body. */
  public static final class Block {
    private final String label;
    private final List<Header> headers;
    private final byte[] der;
    private final int beginLine;

    Block(String label, List<Header> headers, byte[] der, int beginLine) {
      this.label = label;
      this.headers = List.copyOf(headers);
      this.der = der;
      this.beginLine = beginLine;
    }

    /** The label between {@code -----BEGIN } and {@code -----}, such as {@code PUBLIC KEY}. */
    public String label() {
      return label;
    }

    /** The RFC 1421 headers ({@code Proc-Type}, {@code DEK-Info}...) in the order read; often empty. */
    public List<Header> headers() {
      return headers;
    }

    /** The first header named {@code name} (case-insensitive), or null. */
    public Header header(String name) {
      for (Header h : headers) {
        if (h.name().equalsIgnoreCase(name)) {
          return h;
        }
      }
      return null;
    }

    /** The decoded body; the caller owns the array. */
    public byte[] der() {
      return der;
    }

    /** The line number (from 1) of the BEGIN line in the input. */
    public int beginLine() {
      return beginLine;
    }

    /** The label for an error message: shortened. */
    public String labelForMessage() {
      return PemBlocks.labelForMessage(label);
    }

    @Override
    public String toString() {
      return "PemBlock[" + labelForMessage() + ", " + headers.size() + " headers, " + der.length + " bytes]";
    }
  }

  /** Whether {@code text} has a line starting with {@code -----BEGIN } (after spaces), for format detection. */
  public static boolean hasBeginLine(byte[] text) {
    return firstBeginLabel(text).isPresent();
  }

  /**
   * The label of the first line starting with {@code -----BEGIN } (after spaces), read up to the
   * next {@code -} or the line end and at most 64 characters, for format detection; the block itself
   * is checked by {@link #parseSingle}.
   */
  public static java.util.Optional<String> firstBeginLabel(byte[] text) {
    int i = 0;
    while (i < text.length) {
      int j = i;
      while (j < text.length && isSpaceOrTab((char) text[j])) {
        j++;
      }
      if (startsWith(text, j, BEGIN)) {
        int from = j + BEGIN.length();
        int k = from;
        while (k < text.length && text[k] != '-' && text[k] != '\n' && text[k] != '\r' && k - from < 64) {
          k++;
        }
        return java.util.Optional.of(new String(text, from, k - from, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      while (i < text.length && text[i] != '\n') {
        i++;
      }
      i++;
    }
    return java.util.Optional.empty();
  }

  private static boolean startsWith(byte[] b, int at, String s) {
    if (b.length - at < s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (b[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the one PEM block of {@code text}.
   *
   * @param what what the input is, for messages ("PEM public key")
   */
  public static Block parseSingle(byte[] text, KeyPairLimits limits, String what) {
    Objects.requireNonNull(text, "text");
    int bom = TextLines.byteOrderMarkLength(text);
    int[] lines = TextLines.spans(text, bom, text.length - bom, limits, what);
    int n = lines.length / 2;
    int i = 0;
    while (i < n && !isBoundary(text, lines, i, BEGIN)) {
      i++;
    }
    if (i == n) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has no -----BEGIN line");
    }
    int beginLine = i + 1;
    String label = boundaryLabel(line(text, lines, i), BEGIN, beginLine, what);
    i++;

    List<Header> headers = new ArrayList<>();
    if (i < n && !isBoundary(text, lines, i, DASHES) && hasColon(text, lines, i)) {
      while (true) {
        if (i == n || isBoundary(text, lines, i, DASHES)) {
          throw new KeyPairException(ErrorCode.FORMAT, what + " headers after line " + beginLine
              + " are not ended by a blank line");
        }
        String line = line(text, lines, i);
        if (TextLines.isBlank(line)) {
          i++;
          break;
        }
        headers.add(header(line, i + 1, what));
        i++;
      }
    }

    int bodyStart = i;
    while (i < n && !isBoundary(text, lines, i, DASHES)) {
      i++;
    }
    if (i == n) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has no -----END line for the BEGIN at line " + beginLine);
    }
    if (isBoundary(text, lines, i, BEGIN)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has a second -----BEGIN at line " + (i + 1)
          + " before the -----END of the block at line " + beginLine);
    }
    if (!isBoundary(text, lines, i, END)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + (i + 1) + " starts with ----- but is not "
          + "an -----END line");
    }
    String endLabel = boundaryLabel(line(text, lines, i), END, i + 1, what);
    if (!endLabel.equals(label)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has -----BEGIN " + labelForMessage(label)
          + "----- at line " + beginLine + " but -----END " + labelForMessage(endLabel) + "----- at line " + (i + 1));
    }
    int endIndex = i;
    for (int k = endIndex + 1; k < n; k++) {
      if (isBoundary(text, lines, k, BEGIN)) {
        throw new KeyPairException(ErrorCode.FORMAT, what + " has a second PEM block at line " + (k + 1)
            + "; one block per input is read");
      }
    }
    // the body straight from the input, from its first line to the start of the END line: no String holds
    // it, and StrictBase64 skips the line ends (a CR kept inside a line too, as white space)
    int from = lines[2 * bodyStart];
    byte[] der = StrictBase64.decodeMultiline(text, from, lines[2 * endIndex] - from, bodyStart + 1, what + " body");
    if (der.length == 0) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " block at line " + beginLine + " has no data");
    }
    return new Block(label, headers, der, beginLine);
  }

  /** Line {@code k} of {@code text} as a String (one char per byte); for boundary and header lines only. */
  private static String line(byte[] text, int[] lines, int k) {
    return new String(text, lines[2 * k], lines[2 * k + 1] - lines[2 * k], StandardCharsets.ISO_8859_1);
  }

  /** Whether line {@code k}, after leading spaces and tabs, starts with {@code prefix}. */
  private static boolean isBoundary(byte[] text, int[] lines, int k, String prefix) {
    int j = lines[2 * k];
    int stop = lines[2 * k + 1];
    while (j < stop && isSpaceOrTab((char) text[j])) {
      j++;
    }
    return stop - j >= prefix.length() && startsWith(text, j, prefix);
  }

  private static boolean hasColon(byte[] text, int[] lines, int k) {
    for (int j = lines[2 * k]; j < lines[2 * k + 1]; j++) {
      if (text[j] == ':') {
        return true;
      }
    }
    return false;
  }

  private static boolean isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
  }

  private static String trimSpaceTab(String line) {
    int from = 0;
    int to = line.length();
    while (from < to && isSpaceOrTab(line.charAt(from))) {
      from++;
    }
    while (to > from && isSpaceOrTab(line.charAt(to - 1))) {
      to--;
    }
    return line.substring(from, to);
  }

  /** The label of a BEGIN or END line, which {@link #isBoundary} accepted. */
  private static String boundaryLabel(String line, String prefix, int lineNumber, String what) {
    String s = trimSpaceTab(line);
    if (!s.endsWith(DASHES) || s.length() < prefix.length() + DASHES.length()) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " is not a well-formed "
          + prefix.trim() + " line");
    }
    String label = s.substring(prefix.length(), s.length() - DASHES.length());
    if (!isValidLabel(label)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " has a malformed label");
    }
    return label;
  }

  /**
   * Whether {@code label} follows RFC 7468 section 3: printable ASCII except hyphen-minus, with single
   * spaces or hyphens between them; the empty label is allowed.
   */
  public static boolean isValidLabel(String label) {
    for (int k = 0; k < label.length(); k++) {
      char c = label.charAt(k);
      boolean labelChar = c >= 0x21 && c <= 0x7e && c != '-';
      if (!labelChar) {
        boolean separator = (c == ' ' || c == '-') && k > 0 && k < label.length() - 1;
        if (!separator) {
          return false;
        }
        char next = label.charAt(k + 1);
        if (next == ' ' || next == '-') {
          return false;
        }
      }
    }
    return true;
  }

  private static Header header(String line, int lineNumber, String what) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " in the headers is not "
          + "'Name: value'");
    }
    String name = line.substring(0, colon);
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c <= 0x20 || c >= 0x7f) {
        throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " has a malformed header name");
      }
    }
    return new Header(name, trimSpaceTab(line.substring(colon + 1)));
  }

  static String labelForMessage(String label) {
    return label.length() <= MAX_LABEL_IN_MESSAGE ? label : label.substring(0, MAX_LABEL_IN_MESSAGE) + "...";
  }

  /** The PEM text of {@code der} with {@code label} and no headers. */
  public static String encode(String label, byte[] der) {
    return encode(label, List.of(), der);
  }

  /**
   * The PEM text of {@code der}: BEGIN line, headers and a blank line if any, base64 in lines of 64,
   * END line, each line ended by LF.
   *
   * @throws IllegalArgumentException if the label is not an RFC 7468 label, or a header name or value
   *     cannot be written on one line
   */
  public static String encode(String label, List<Header> headers, byte[] der) {
    Objects.requireNonNull(der, "der");
    if (!isValidLabel(label)) {
      throw new IllegalArgumentException("not an RFC 7468 label: " + label);
    }
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder(b64.length() + b64.length() / LINE_WIDTH + 2 * label.length() + 40);
    sb.append(BEGIN).append(label).append(DASHES).append('\n');
    for (Header h : headers) {
      if (h.name().isEmpty() || h.name().chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == ':')
          || h.value().chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
        throw new IllegalArgumentException("header cannot be written: " + h.name());
      }
      sb.append(h.name()).append(": ").append(h.value()).append('\n');
    }
    if (!headers.isEmpty()) {
      sb.append('\n');
    }
    for (int k = 0; k < b64.length(); k += LINE_WIDTH) {
      sb.append(b64, k, Math.min(b64.length(), k + LINE_WIDTH)).append('\n');
    }
    sb.append(END).append(label).append(DASHES).append('\n');
    return sb.toString();
  }

  /** {@link #encode(String, byte[])} as US-ASCII bytes. */
  public static byte[] encodeBytes(String label, byte[] der) {
    return encode(label, der).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The PEM text of {@code der}, without headers, as US-ASCII bytes with base64 in lines of
   * {@code lineWidth} characters (ssh-keygen writes OpenSSH private keys 70 wide). No String holds the
   * base64 on the way, and the intermediate copy is wiped ({@link Wipe}), so a caller encoding a secret
   * can wipe all that is left: {@code der} and the result.
   *
   * @throws IllegalArgumentException if the label is not an RFC 7468 label or the width is below 4
   */
  public static byte[] encodeBytes(String label, byte[] der, int lineWidth) {
    Objects.requireNonNull(der, "der");
    if (!isValidLabel(label)) {
      throw new IllegalArgumentException("not an RFC 7468 label: " + label);
    }
    if (lineWidth < 4) {
      throw new IllegalArgumentException("line width below 4: " + lineWidth);
    }
    byte[] begin = (BEGIN + label + DASHES + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = (END + label + DASHES + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] b64 = Base64.getEncoder().encode(der);
    try {
      int lines = (b64.length + lineWidth - 1) / lineWidth;
      byte[] out = new byte[begin.length + b64.length + lines + end.length];
      System.arraycopy(begin, 0, out, 0, begin.length);
      int o = begin.length;
      for (int k = 0; k < b64.length; k += lineWidth) {
        int n = Math.min(lineWidth, b64.length - k);
        System.arraycopy(b64, k, out, o, n);
        o += n;
        out[o++] = '\n';
      }
      System.arraycopy(end, 0, out, o, end.length);
      return out;
    } finally {
      Wipe.wipe("pem-base64", b64);
    }
  }
}
