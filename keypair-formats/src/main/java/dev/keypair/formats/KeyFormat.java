package dev.keypair.formats;

/**
 * The format an input was found to be in. Detection looks at the content only, never at a file
 * name. Private key formats join this list as keypair learns to read them; a {@code switch} over it
 * should have a {@code default} branch.
 */
public enum KeyFormat {
  /** One OpenSSH public key line, nothing else. */
  OPENSSH(PublicKeyFormat.OPENSSH),
  /**
   * OpenSSH key lines with something only {@code authorized_keys} has: options before a key, comment
   * lines, blank lines, or several keys.
   */
  AUTHORIZED_KEYS(PublicKeyFormat.OPENSSH),
  /** An RFC 4716 SSH2 public key file. */
  RFC4716(PublicKeyFormat.RFC4716),
  /** PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo). */
  PEM_SPKI(PublicKeyFormat.PEM_SPKI),
  /** PEM {@code RSA PUBLIC KEY} (PKCS#1). */
  PEM_PKCS1(PublicKeyFormat.PEM_PKCS1),
  /** Base64 of a DER SubjectPublicKeyInfo, one line or wrapped. */
  DER_BASE64(PublicKeyFormat.DER_BASE64);

  private final PublicKeyFormat publicFormat;

  KeyFormat(PublicKeyFormat publicFormat) {
    this.publicFormat = publicFormat;
  }

  /** The public key format this input format writes back to. */
  public PublicKeyFormat publicFormat() {
    return publicFormat;
  }
}
