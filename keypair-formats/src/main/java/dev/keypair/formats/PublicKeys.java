package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.StrictBase64;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.formats.internal.TextLines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a public key in any format, detected from the content, and writes one in any format.
 *
 * <p>Detection, in order, looking at the content only:
 * <ol>
 *   <li>a line {@code ---- BEGIN SSH2 PUBLIC KEY ----}: RFC 4716;</li>
 *   <li>a line {@code -----BEGIN <label>-----}: PEM, by label ({@code PUBLIC KEY}, {@code RSA PUBLIC KEY});</li>
 *   <li>text of the base64 alphabet only, starting {@code M} (a DER SEQUENCE): Base64 DER SubjectPublicKeyInfo;</li>
 *   <li>anything else that has a line of the form {@code [options] type base64 [comment]}: OpenSSH
 *       lines, a single line being {@link KeyFormat#OPENSSH} and lines with options, comments, blank
 *       lines or several keys {@link KeyFormat#AUTHORIZED_KEYS};</li>
 * </ol>
 * and {@link ErrorCode#UNRECOGNIZED_FORMAT} when nothing fits. The whole input is checked against
 * {@link KeyPairLimits#maxInputBytes()} first, and a leading UTF-8 byte order mark is skipped.
 */
public final class PublicKeys {

  private static final byte[] RFC4716_BEGIN = "---- BEGIN SSH2 PUBLIC KEY ----".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PPK = "PuTTY-User-Key-File-".getBytes(StandardCharsets.US_ASCII);

  private PublicKeys() {}

  /** The one key in {@code content}, with the default limits. */
  public static SshPublicKey parse(String content) {
    return decode(content.getBytes(StandardCharsets.UTF_8), KeyPairLimits.defaults()).key();
  }

  /** The one key in {@code content}, with the default limits. */
  public static SshPublicKey parse(byte[] content) {
    return decode(content, KeyPairLimits.defaults()).key();
  }

  /**
   * The one key in {@code content}, with its format.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT} if the content holds more than one key
   */
  public static DecodedPublicKey decode(byte[] content, KeyPairLimits limits) {
    List<DecodedPublicKey> all = decodeAll(content, limits);
    if (all.size() != 1) {
      throw new KeyPairException(ErrorCode.FORMAT, "the input holds " + all.size() + " keys; one was expected");
    }
    return all.get(0);
  }

  /** Every key in {@code content}: one, or several for {@code authorized_keys} lines. */
  public static List<DecodedPublicKey> decodeAll(byte[] content, KeyPairLimits limits) {
    limits.checkInputSize(content.length, "the input");
    content = withoutByteOrderMark(content);
    KeyFormat format = detect(content);
    switch (format) {
      case RFC4716: {
        Rfc4716Key k = Rfc4716.parse(content, limits);
        return List.of(new DecodedPublicKey(k.key(), format, List.of(), k.headers()));
      }
      case PEM_SPKI:
      case PEM_PKCS1:
        refuseKeyLinesBesidePem(content, limits);
        return List.of(DecodedPublicKey.of(PemPublicKeys.parse(content, limits), format));
      case DER_BASE64:
        return List.of(DecodedPublicKey.of(DerBase64.parse(content, limits), format));
      default:
        return openSshLines(content, limits);
    }
  }

  /**
   * PEM allows explanatory text around its block; an OpenSSH key line there is not explanation but a
   * second key, and reading only one of the two would answer about a key the user did not mean.
   */
  private static void refuseKeyLinesBesidePem(byte[] content, KeyPairLimits limits) {
    boolean inBlock = false;
    for (String line : TextLines.split(content, limits, "the input")) {
      String t = line.strip();
      if (t.startsWith("-----BEGIN ")) {
        inBlock = true;
      } else if (t.startsWith("-----END ")) {
        inBlock = false;
      } else if (!inBlock && !t.isEmpty() && !t.startsWith("#") && isKeyLine(TextLines.bytes(line), limits)) {
        throw new KeyPairException(ErrorCode.FORMAT,
            "the input holds a PEM block and an OpenSSH key line; one key was expected");
      }
    }
  }

  private static boolean isKeyLine(byte[] line, KeyPairLimits limits) {
    try {
      AuthorizedKeys.parseEntry(line, limits);
      return true;
    } catch (KeyPairException e) {
      return false;
    }
  }

  private static List<DecodedPublicKey> openSshLines(byte[] content, KeyPairLimits limits) {
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(content, limits);
    List<AuthorizedKeyEntry> entries = new ArrayList<>();
    boolean onlyOneLine = lines.size() == 1;
    for (AuthorizedKeysLine line : lines) {
      if (line instanceof AuthorizedKeyEntry e) {
        entries.add(e);
      } else if (line instanceof AuthorizedKeysLine.Other o && o.error().isPresent()) {
        KeyPairException e = o.error().get();
        throw new KeyPairException(e.code(), e.getMessage(), e);
      }
    }
    if (entries.isEmpty()) {
      throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT, "the input holds no key");
    }
    KeyFormat format = onlyOneLine && entries.get(0).options().isEmpty() ? KeyFormat.OPENSSH : KeyFormat.AUTHORIZED_KEYS;
    List<DecodedPublicKey> out = new ArrayList<>(entries.size());
    for (AuthorizedKeyEntry e : entries) {
      out.add(new DecodedPublicKey(e.key(), format, e.options(), List.of()));
    }
    return out;
  }

  /**
   * The format of {@code content}, from the content alone.
   *
   * @throws KeyPairException {@link ErrorCode#UNRECOGNIZED_FORMAT} if no public key format fits,
   *     private key files included
   */
  public static KeyFormat detect(byte[] content) {
    content = withoutByteOrderMark(content);
    int start = skipBlank(content, 0);
    if (start == content.length) {
      throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT, "the input is empty");
    }
    if (startsWith(content, start, RFC4716_BEGIN)) {
      return KeyFormat.RFC4716;
    }
    if (startsWith(content, start, PPK)) {
      throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT,
          "the input is a PuTTY private key file; give its public key (puttygen -L) instead");
    }
    java.util.Optional<String> pem = PemBlocks.firstBeginLabel(content);
    if (pem.isPresent()) {
      String label = pem.get();
      switch (label) {
        case "PUBLIC KEY":
          return KeyFormat.PEM_SPKI;
        case "RSA PUBLIC KEY":
          return KeyFormat.PEM_PKCS1;
        case "RSA PRIVATE KEY":
        case "EC PRIVATE KEY":
        case "DSA PRIVATE KEY":
        case "PRIVATE KEY":
        case "ENCRYPTED PRIVATE KEY":
        case "OPENSSH PRIVATE KEY":
          throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT,
              "the input is a private key (" + label + "); a public key was expected");
        default:
          throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT,
              "the input is PEM with label '" + printable(label) + "', which is not a key keypair reads");
      }
    }
    if (content[start] == 'M' && isBase64Text(content, start)) {
      return KeyFormat.DER_BASE64;
    }
    if (looksLikeKeyLines(content, start)) {
      return KeyFormat.OPENSSH;
    }
    throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT,
        "the input is none of: OpenSSH public key or authorized_keys, RFC 4716, PEM, Base64 DER");
  }

  /**
   * {@code key} written in {@code format}, as a file's content: the OpenSSH line and the Base64 DER
   * end with a line feed, like the other formats.
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} if the key cannot be written so
   *     (Ed25519 as PKCS#1, a certificate as SubjectPublicKeyInfo...)
   */
  public static byte[] encode(SshPublicKey key, PublicKeyFormat format) {
    return switch (format) {
      case OPENSSH -> withLf(OpenSshPublicKeys.encode(key));
      case RFC4716 -> Rfc4716.encode(key);
      case PEM_SPKI -> PemPublicKeys.encodeSpki(key.keyData());
      case PEM_PKCS1 -> PemPublicKeys.encodePkcs1(key.keyData());
      case DER_BASE64 -> withLf(DerBase64.encode(key.keyData()));
    };
  }

  /** {@link #encode(SshPublicKey, PublicKeyFormat)} as text (a comment that is not UTF-8 is decoded lossily). */
  public static String encodeToString(SshPublicKey key, PublicKeyFormat format) {
    return new String(encode(key, format), StandardCharsets.UTF_8);
  }

  /** The content without a leading UTF-8 byte order mark, which Windows editors add. */
  static byte[] withoutByteOrderMark(byte[] content) {
    int bom = TextLines.byteOrderMarkLength(content);
    return bom == 0 ? content : java.util.Arrays.copyOfRange(content, bom, content.length);
  }

  private static byte[] withLf(byte[] line) {
    byte[] out = java.util.Arrays.copyOf(line, line.length + 1);
    out[line.length] = '\n';
    return out;
  }

  private static int skipBlank(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    return b.length - at >= prefix.length && java.util.Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static boolean isBase64Text(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      int c = b[i] & 0xff;
      if (!(StrictBase64.isAlphabetOrPad(c) || c == '\n' || c == '\r' || c == ' ' || c == '\t')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the first line that is neither blank nor a comment looks like a key line: two or more
   * fields, or a single field that names a key type (a key line missing its data).
   */
  private static boolean looksLikeKeyLines(byte[] b, int from) {
    int i = from;
    while (i < b.length) {
      int end = i;
      while (end < b.length && b[end] != '\n') {
        end++;
      }
      int j = OpenSshPublicKeys.skipSpace(b, i, end);
      if (j < end && b[j] != '#') {
        int tokenStart = j;
        while (j < end && !OpenSshPublicKeys.isSpace(b[j])) {
          j++;
        }
        String first = new String(b, tokenStart, j - tokenStart, StandardCharsets.ISO_8859_1);
        return OpenSshPublicKeys.skipSpace(b, j, end) < end
            || dev.keypair.core.KeyType.fromSshName(first).isPresent()
            || dev.keypair.core.KeyType.isCertificateName(first);
      }
      i = end + 1;
    }
    return false;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }
}
