package dev.keypair.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What went wrong, as a stable dotted identifier plus whose fault it is.
 *
 * <p>The identifier is part of keypair's contract: the {@code keypair} command prints it
 * ({@code keypair: InvalidKey.Format: ...}) and scripts match on it, so an identifier never changes
 * meaning once released. The {@link Category} decides the command's exit code.
 *
 * <p>The constants here are the codes of the key model and the codecs. Other modules add their own
 * (a registry uses its provider's codes, such as {@code KeyPairLimitExceeded}) through
 * {@link #of(String, Category)}.
 *
 * @param id       dotted identifier such as {@code InvalidKey.Format}
 * @param category whose fault it is
 */
public record ErrorCode(String id, Category category) {

  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");

  /** Whose fault it is; the command maps each category to an exit code. */
  public enum Category {
    /** The data given is malformed, unsupported, or fails validation (exit code 3). */
    INPUT,
    /** The data is well formed but a rule refuses it: a quota, a name policy, an accepted type (exit code 4). */
    POLICY,
    /** A defect or an environment fault inside keypair, not the caller's data (exit code 5). */
    INTERNAL
  }

  /** The bytes do not follow the format's structure (bad base64, a length past the end, trailing data...). */
  public static final ErrorCode FORMAT = new ErrorCode("InvalidKey.Format", Category.INPUT);
  /** The content matches none of the formats keypair reads. */
  public static final ErrorCode UNRECOGNIZED_FORMAT = new ErrorCode("InvalidKey.UnrecognizedFormat", Category.INPUT);
  /** The algorithm named in the text differs from the one in the encoded key (or the curve from the type). */
  public static final ErrorCode TYPE_MISMATCH = new ErrorCode("InvalidKey.TypeMismatch", Category.INPUT);
  /** A well-formed key of an algorithm, or an operation on it, that keypair does not support. */
  public static final ErrorCode UNSUPPORTED_ALGORITHM = new ErrorCode("InvalidKey.UnsupportedAlgorithm", Category.INPUT);
  /** The key cannot be written in the requested format (Ed25519 as PKCS#1, a line break in a one-line comment...). */
  public static final ErrorCode UNREPRESENTABLE = new ErrorCode("InvalidKey.Unrepresentable", Category.INPUT);
  /** Key material that is mathematically invalid: even RSA modulus, bad exponent, EC point off its curve. */
  public static final ErrorCode INVALID_VALUE = new ErrorCode("InvalidKey.Value", Category.INPUT);
  /** A key below the configured strength floor (RSA modulus too short, small factors). */
  public static final ErrorCode WEAK_KEY = new ErrorCode("InvalidKey.Weak", Category.INPUT);
  /** A key above the configured size cap (RSA modulus longer than the limit). */
  public static final ErrorCode KEY_TOO_LARGE = new ErrorCode("InvalidKey.TooLarge", Category.INPUT);
  /** An integrity check of an unencrypted file failed (checkints, MAC, padding). */
  public static final ErrorCode CORRUPT_KEY = new ErrorCode("InvalidKey.Corrupt", Category.INPUT);
  /** Two halves that must be the same key are not (private vs. public, envelope vs. body). */
  public static final ErrorCode KEY_MISMATCH = new ErrorCode("InvalidKey.Mismatch", Category.INPUT);
  /** The passphrase given does not decrypt the key. */
  public static final ErrorCode WRONG_PASSPHRASE = new ErrorCode("InvalidKey.Passphrase", Category.INPUT);
  /** The key is encrypted and no passphrase was given. */
  public static final ErrorCode PASSPHRASE_REQUIRED = new ErrorCode("InvalidKey.PassphraseRequired", Category.INPUT);
  /** An {@code authorized_keys} option is unknown or its value is malformed. */
  public static final ErrorCode INVALID_OPTION = new ErrorCode("InvalidKey.Option", Category.INPUT);
  /** A fingerprint string that no known spelling matches. */
  public static final ErrorCode INVALID_FINGERPRINT = new ErrorCode("InvalidFingerprint.Format", Category.INPUT);
  /** The input, or one of its lines, is over the size cap; refused before decoding. */
  public static final ErrorCode INPUT_TOO_LARGE = new ErrorCode("Input.TooLarge", Category.INPUT);
  /** The input asks for more work or memory than the limits allow (KDF cost, nesting depth...). */
  public static final ErrorCode RESOURCE_LIMIT = new ErrorCode("Input.ResourceLimit", Category.INPUT);
  /** The input could not be read (missing file, permission denied, I/O error). */
  public static final ErrorCode UNREADABLE = new ErrorCode("Input.Unreadable", Category.INPUT);
  /** A key file would be exposed: a file system without POSIX permissions, a symlink target, a readable key. */
  public static final ErrorCode INSECURE_FILE = new ErrorCode("File.Insecure", Category.POLICY);
  /** The file to write exists, and replacing it was not asked for. */
  public static final ErrorCode FILE_EXISTS = new ErrorCode("File.Exists", Category.POLICY);
  /** A defect in keypair or its environment (a missing JCA algorithm...). */
  public static final ErrorCode INTERNAL = new ErrorCode("Internal.Error", Category.INTERNAL);

  /**
   * @throws IllegalArgumentException if {@code id} is not dotted identifier syntax
   */
  public ErrorCode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("error code id must be dotted identifiers: " + id);
    }
  }

  /** An error code of another module, such as a provider's {@code KeyPairLimitExceeded}. */
  public static ErrorCode of(String id, Category category) {
    return new ErrorCode(id, category);
  }

  @Override
  public String toString() {
    return id;
  }
}
