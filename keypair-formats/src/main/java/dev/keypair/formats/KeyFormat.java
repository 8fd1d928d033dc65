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
  DER_BASE64(PublicKeyFormat.DER_BASE64),
  /** PEM {@code RSA PRIVATE KEY} (PKCS#1), plain or with the legacy {@code Proc-Type} encryption. */
  PEM_RSA_PRIVATE(PrivateKeyFormat.PEM),
  /** PEM {@code EC PRIVATE KEY} (SEC1), plain or with the legacy {@code Proc-Type} encryption. */
  PEM_EC_PRIVATE(PrivateKeyFormat.PEM),
  /** PEM {@code DSA PRIVATE KEY} (OpenSSL's traditional DSA form), read only. */
  PEM_DSA_PRIVATE(PrivateKeyFormat.PEM),
  /** PEM {@code PRIVATE KEY} (PKCS#8). */
  PEM_PKCS8(PrivateKeyFormat.PKCS8),
  /** PEM {@code ENCRYPTED PRIVATE KEY} (PKCS#8 with PBES2 or scrypt). */
  PEM_PKCS8_ENCRYPTED(PrivateKeyFormat.PKCS8),
  /** {@code -----BEGIN OPENSSH PRIVATE KEY-----} ({@code openssh-key-v1}). */
  OPENSSH_PRIVATE(PrivateKeyFormat.OPENSSH),
  /** {@code PuTTY-User-Key-File-2}. */
  PPK_V2(PrivateKeyFormat.PPK2),
  /** {@code PuTTY-User-Key-File-3}. */
  PPK_V3(PrivateKeyFormat.PPK);

  private final PublicKeyFormat publicFormat;
  private final PrivateKeyFormat privateFormat;

  KeyFormat(PublicKeyFormat publicFormat) {
    this.publicFormat = publicFormat;
    this.privateFormat = null;
  }

  KeyFormat(PrivateKeyFormat privateFormat) {
    this.publicFormat = null;
    this.privateFormat = privateFormat;
  }

  /** Whether this is a private key format. */
  public boolean isPrivate() {
    return privateFormat != null;
  }

  /**
   * The public key format this input format writes back to.
   *
   * @throws IllegalStateException for a private key format
   */
  public PublicKeyFormat publicFormat() {
    if (publicFormat == null) {
      throw new IllegalStateException(this + " is a private key format");
    }
    return publicFormat;
  }

  /**
   * The private key format this input format writes back to.
   *
   * @throws IllegalStateException for a public key format
   */
  public PrivateKeyFormat privateFormat() {
    if (privateFormat == null) {
      throw new IllegalStateException(this + " is a public key format");
    }
    return privateFormat;
  }
}
