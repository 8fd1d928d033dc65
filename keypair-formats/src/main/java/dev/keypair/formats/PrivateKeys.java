package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.formats.internal.TextLines;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a private key file in any format, detected from the content, and writes one in any
 * {@link PrivateKeyFormat}.
 *
 * <p>Detection looks at the content only: {@code PuTTY-User-Key-File-} starts a PPK file; a PEM
 * {@code -----BEGIN ...-----} line selects by label ({@code OPENSSH PRIVATE KEY}, {@code RSA PRIVATE KEY},
 * {@code EC PRIVATE KEY}, {@code DSA PRIVATE KEY}, {@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}).
 * A leading UTF-8 byte order mark is skipped.
 *
 * <p>Passphrases: with {@code null}, an encrypted OpenSSH or PPK file comes back locked, its public
 * key readable ({@link DecodedPrivateKey#isUnlocked()} false; OpenSSH keeps the comment inside the
 * encrypted part, PPK in the clear); an encrypted PEM or PKCS#8 file, which keeps nothing in the
 * clear, is {@link ErrorCode#PASSPHRASE_REQUIRED}. A wrong passphrase is
 * {@link ErrorCode#WRONG_PASSPHRASE}; a damaged file is {@link ErrorCode#CORRUPT_KEY} or
 * {@link ErrorCode#FORMAT} wherever an integrity check can tell (OpenSSH's checkints and padding,
 * PPK's MAC, every structure outside the ciphertext). Damage inside the ciphertext of a file without
 * a MAC (PEM, PKCS#8), or to the salt or KDF parameters of any file, looks like a wrong passphrase:
 * no format can tell those apart.
 */
public final class PrivateKeys {

  private static final byte[] PPK = "PuTTY-User-Key-File-".getBytes(StandardCharsets.US_ASCII);

  private PrivateKeys() {}

  /** The private key format of {@code content}, or empty if it is not a private key file. */
  public static Optional<KeyFormat> detect(byte[] content) {
    Objects.requireNonNull(content, "content");
    int i = TextLines.byteOrderMarkLength(content);
    while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) {
      i++;
    }
    if (content.length - i >= PPK.length && java.util.Arrays.equals(content, i, i + PPK.length, PPK, 0, PPK.length)) {
      int v = i + PPK.length < content.length ? content[i + PPK.length] : 0;
      return Optional.of(v == '2' ? KeyFormat.PPK_V2 : KeyFormat.PPK_V3);
    }
    Optional<String> label = PemBlocks.firstBeginLabel(content);
    if (label.isEmpty()) {
      return Optional.empty();
    }
    switch (label.get()) {
      case OpenSshPrivateKeys.PEM_LABEL:
        return Optional.of(KeyFormat.OPENSSH_PRIVATE);
      case PemPrivateKeys.RSA_LABEL:
        return Optional.of(KeyFormat.PEM_RSA_PRIVATE);
      case PemPrivateKeys.EC_LABEL:
        return Optional.of(KeyFormat.PEM_EC_PRIVATE);
      case PemPrivateKeys.DSA_LABEL:
        return Optional.of(KeyFormat.PEM_DSA_PRIVATE);
      case PemPrivateKeys.PKCS8_LABEL:
        return Optional.of(KeyFormat.PEM_PKCS8);
      case PemPrivateKeys.ENCRYPTED_PKCS8_LABEL:
        return Optional.of(KeyFormat.PEM_PKCS8_ENCRYPTED);
      default:
        return Optional.empty();
    }
  }

  /** As {@link #decode(byte[], Passphrase, KeyPairLimits)} with the default limits. */
  public static DecodedPrivateKey decode(byte[] content, Passphrase passphrase) {
    return decode(content, passphrase, KeyPairLimits.defaults());
  }

  /**
   * Reads a private key file.
   *
   * @param passphrase the passphrase, or {@code null} if none was given
   * @throws KeyPairException {@link ErrorCode#UNRECOGNIZED_FORMAT} if the content is no private key file
   */
  public static DecodedPrivateKey decode(byte[] content, Passphrase passphrase, KeyPairLimits limits) {
    Objects.requireNonNull(limits, "limits");
    limits.checkInputSize(content.length, "the input");
    KeyFormat format = detect(content).orElseThrow(() -> new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT,
        "the input is none of: OpenSSH private key, PEM or PKCS#8 private key, PuTTY .ppk"));
    byte[] text = PublicKeys.withoutByteOrderMark(content);
    switch (format) {
      case OPENSSH_PRIVATE:
        return OpenSshPrivateKeys.decode(text, passphrase, limits);
      case PPK_V2:
      case PPK_V3:
        return PuttyPrivateKeys.decode(text, passphrase, limits);
      default:
        return PemPrivateKeys.decode(text, passphrase, limits);
    }
  }

  /**
   * {@code key} written in {@code format}.
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} where the format cannot hold the key
   *     (Ed25519 in traditional PEM), {@link ErrorCode#UNSUPPORTED_ALGORITHM} for DSA, which keypair
   *     reads but does not write
   */
  public static byte[] encode(SshPrivateKey key, PrivateKeyFormat format, KeyProtection protection) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(protection, "protection");
    switch (format) {
      case OPENSSH:
        return OpenSshPrivateKeys.encode(key, protection);
      case PPK:
      case PPK2:
        return PuttyPrivateKeys.encode(key, format, protection);
      default:
        return PemPrivateKeys.encode(key, format, protection);
    }
  }

  /** As {@link #changeComment(byte[], Passphrase, dev.keypair.core.Comment, KeyPairLimits)} with the default limits. */
  public static byte[] changeComment(byte[] content, Passphrase passphrase, dev.keypair.core.Comment comment) {
    return changeComment(content, passphrase, comment, KeyPairLimits.defaults());
  }

  /** As {@link #changeProtection(byte[], Passphrase, KeyProtection, KeyPairLimits)} with the default limits. */
  public static byte[] changeProtection(byte[] content, Passphrase oldPassphrase, KeyProtection protection) {
    return changeProtection(content, oldPassphrase, protection, KeyPairLimits.defaults());
  }

  /**
   * The key file with another comment, in its own format and encrypted with the same passphrase
   * (with this version's default encryption settings), as {@code ssh-keygen -c} does. PEM and PKCS#8
   * have no comment: for them this is {@link ErrorCode#UNREPRESENTABLE}.
   *
   * @param passphrase the file's passphrase, or {@code null} if it is not encrypted
   */
  public static byte[] changeComment(byte[] content, Passphrase passphrase, dev.keypair.core.Comment comment,
      KeyPairLimits limits) {
    Objects.requireNonNull(comment, "comment");
    DecodedPrivateKey d = decode(content, passphrase, limits);
    PrivateKeyFormat format = d.format().privateFormat();
    if (format == PrivateKeyFormat.PEM || format == PrivateKeyFormat.PKCS8) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE, "a " + d.format() + " key file has no comment");
    }
    SshPrivateKey key = d.requirePrivateKey().withComment(comment);
    try {
      return encode(key, format, d.isEncrypted() ? KeyProtection.passphrase(passphrase)
          : KeyProtection.none(dev.keypair.core.InsecureSecretAccess.get()));
    } finally {
      key.destroy();
    }
  }

  /**
   * The key file re-encoded in its own format with another protection: a passphrase changed, added
   * ({@link KeyProtection#passphrase}) or removed ({@link KeyProtection#none}), as
   * {@code ssh-keygen -p} does. The comment is kept.
   *
   * @param oldPassphrase the file's passphrase, or {@code null} if it is not encrypted
   */
  public static byte[] changeProtection(byte[] content, Passphrase oldPassphrase, KeyProtection protection,
      KeyPairLimits limits) {
    DecodedPrivateKey d = decode(content, oldPassphrase, limits);
    SshPrivateKey key = d.requirePrivateKey();
    try {
      return encode(key, d.format().privateFormat(), protection);
    } finally {
      key.destroy();
    }
  }
}
