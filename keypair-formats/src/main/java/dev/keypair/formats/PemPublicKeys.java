package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.internal.PemBlocks;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * Public keys in PEM (<a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468</a>), the two labels
 * tools write:
 * <pre>
 * -----BEGIN PUBLIC KEY-----          DER SubjectPublicKeyInfo (RFC 7468 section 13): RSA, ECDSA, Ed25519, DSA
 * MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A...   ssh-keygen -e -m PKCS8, openssl pkey -pubout
 * -----END PUBLIC KEY-----
 *
 * -----BEGIN RSA PUBLIC KEY-----      DER RSAPublicKey (RFC 8017 appendix A.1.1): RSA only
 * MIIBCgKCAQEAqYlpzU0DsBYXqVe78bQL...   ssh-keygen -e -m PEM, openssl rsa -RSAPublicKey_out
 * -----END RSA PUBLIC KEY-----
 * </pre>
 * See {@link SubjectPublicKeyInfo} for the DER. Reading PEM: exactly one block per input (a second
 * {@code -----BEGIN} line is {@link ErrorCode#FORMAT}); explanatory text before BEGIN and after END is
 * ignored (RFC 7468 section 5.2); a missing END, different BEGIN and END labels and bad base64 are
 * {@code FORMAT}, naming the line; LF, CRLF and mixed line ends are fine; the input and each line are
 * checked against {@link KeyPairLimits#maxInputBytes()} and {@link KeyPairLimits#maxLineBytes()}
 * before decoding ({@link ErrorCode#INPUT_TOO_LARGE}); a NUL byte is {@code FORMAT}.
 *
 * <p>Errors: a private key label ({@code RSA PRIVATE KEY}, {@code PRIVATE KEY}, {@code OPENSSH PRIVATE
 * KEY}...) is {@link ErrorCode#FORMAT} saying a public key was expected; any other label is
 * {@link ErrorCode#UNRECOGNIZED_FORMAT}; headers ({@code Proc-Type}...) in a public key are
 * {@code FORMAT}. PEM carries no comment: keys read have {@link dev.keypair.core.Comment#none()}, and a
 * comment is not written.
 *
 * <p>Writing gives exactly what ssh-keygen and openssl write: base64 lines of 64 characters, LF line
 * ends, a final LF.
 */
public final class PemPublicKeys {

  /** The label of a SubjectPublicKeyInfo. */
  public static final String SPKI_LABEL = "PUBLIC KEY";
  /** The label of a PKCS#1 RSAPublicKey. */
  public static final String PKCS1_LABEL = "RSA PUBLIC KEY";

  private static final Set<String> PRIVATE_LABELS = Set.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY",
      "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY");

  private static final String WHAT = "PEM public key";

  private PemPublicKeys() {}

  /** Reads a PEM public key with the default limits. */
  public static SshPublicKey parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8), KeyPairLimits.defaults());
  }

  /** Reads a PEM public key with the default limits. */
  public static SshPublicKey parse(byte[] text) {
    return parse(text, KeyPairLimits.defaults());
  }

  /**
   * Reads a PEM {@code PUBLIC KEY} or {@code RSA PUBLIC KEY}.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT} for bad PEM, a private key or headers,
   *     {@link ErrorCode#UNRECOGNIZED_FORMAT} for another label, and the codes of
   *     {@link SubjectPublicKeyInfo#decode(byte[], KeyPairLimits)} for the DER
   */
  public static SshPublicKey parse(byte[] text, KeyPairLimits limits) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    PemBlocks.Block block = PemBlocks.parseSingle(text, limits, WHAT);
    String label = block.label();
    boolean spki = label.equals(SPKI_LABEL);
    if (!spki && !label.equals(PKCS1_LABEL)) {
      if (PRIVATE_LABELS.contains(label)) {
        throw new KeyPairException(ErrorCode.FORMAT, WHAT + " at line " + block.beginLine() + " is a private key ("
            + label + "); a public key was expected");
      }
      throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT, WHAT + " at line " + block.beginLine()
          + " has label '" + block.labelForMessage() + "'; expected PUBLIC KEY or RSA PUBLIC KEY");
    }
    if (!block.headers().isEmpty()) {
      throw new KeyPairException(ErrorCode.FORMAT, WHAT + " at line " + block.beginLine() + " has headers ("
          + block.headers().get(0).name() + "), which a public key never has");
    }
    KeyData key = spki
        ? SubjectPublicKeyInfo.decode(block.der(), limits)
        : Pkcs1.decodeRsaPublicKey(block.der(), limits);
    return SshPublicKey.of(key);
  }

  /**
   * The key as {@code -----BEGIN PUBLIC KEY-----}, as {@code ssh-keygen -e -m PKCS8} (or, for
   * Ed25519, {@code openssl pkey -pubout}) writes it, as ASCII bytes.
   */
  public static byte[] encodeSpki(KeyData key) {
    return encodeSpkiToString(key).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** As {@link #encodeSpki(KeyData)}, as text. */
  public static String encodeSpkiToString(KeyData key) {
    return PemBlocks.encode(SPKI_LABEL, SubjectPublicKeyInfo.encode(key));
  }

  /**
   * The key as {@code -----BEGIN RSA PUBLIC KEY-----}, as {@code ssh-keygen -e -m PEM} writes it, as
   * ASCII bytes.
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} unless the key is RSA
   */
  public static byte[] encodePkcs1(KeyData key) {
    return encodePkcs1ToString(key).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** As {@link #encodePkcs1(KeyData)}, as text. */
  public static String encodePkcs1ToString(KeyData key) {
    Objects.requireNonNull(key, "key");
    return PemBlocks.encode(PKCS1_LABEL, Pkcs1.encode(key));
  }
}
