package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.internal.StrictBase64;
import dev.keypair.formats.internal.TextLines;
import java.util.Objects;

/**
 * A public key as base64 (<a href="https://www.rfc-editor.org/rfc/rfc4648#section-4">RFC 4648 section
 * 4</a>) of its DER {@link SubjectPublicKeyInfo}
 * (<a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.7">RFC 5280 section 4.1.2.7</a>),
 * without PEM armor: the "Base64 encoded DER" that
 * <a href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportKeyPair.html">AWS EC2
 * ImportKeyPair</a> accepts.
 * <pre>
 * MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqYlpzU0DsBYXqVe78bQLmtj+dzrF...IDAQAB
 * </pre>
 *
 * <p>Reading: canonical base64 ({@link StrictBase64}), on one line or wrapped; spaces, tabs, blank
 * lines and LF or CRLF line ends are skipped; errors name the line. The input and each line are checked
 * against the {@link KeyPairLimits} before decoding ({@link ErrorCode#INPUT_TOO_LARGE}); a NUL byte is
 * {@link ErrorCode#FORMAT}. Writing: one line, no line end.
 */
public final class DerBase64 {

  private static final String WHAT = "Base64 DER public key";

  private DerBase64() {}

  /** Reads the base64 of a DER SubjectPublicKeyInfo with the default limits. */
  public static SshPublicKey parse(byte[] text) {
    return parse(text, KeyPairLimits.defaults());
  }

  /** Reads the base64 of a DER SubjectPublicKeyInfo with the default limits. */
  public static SshPublicKey parse(String text) {
    return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), KeyPairLimits.defaults());
  }

  /**
   * Reads the base64 of a DER SubjectPublicKeyInfo.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT} for bad base64, and the codes of
   *     {@link SubjectPublicKeyInfo#decode(byte[], KeyPairLimits)}
   */
  public static SshPublicKey parse(byte[] text, KeyPairLimits limits) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    TextLines.split(text, limits, WHAT); // the size, line length and NUL checks, before decoding
    int bom = TextLines.byteOrderMarkLength(text);
    byte[] der = StrictBase64.decodeMultiline(text, bom, text.length - bom, WHAT);
    if (der.length == 0) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + " is empty");
    }
    return SshPublicKey.of(SubjectPublicKeyInfo.decode(der, limits));
  }

  /** The base64 of the key's DER SubjectPublicKeyInfo, one line, no line end, as ASCII bytes. */
  public static byte[] encode(KeyData key) {
    return encodeToString(key).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The base64 of the key's DER SubjectPublicKeyInfo, one line, no line end. */
  public static String encodeToString(KeyData key) {
    return StrictBase64.encode(SubjectPublicKeyInfo.encode(key));
  }
}
