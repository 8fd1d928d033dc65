package dev.keypair.store;

/**
 * The file format asked for when a provider creates a key pair (AWS's {@code KeyFormat}). What each
 * means for each key type is the profile's ({@link ProviderProfile#privateKeyFormat}): on AWS, {@code PEM}
 * gives an RSA key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and an Ed25519 key as an OpenSSH private key.
 */
public enum CreateFormat {
  /** The provider's text format (PEM or OpenSSH). */
  PEM("pem"),
  /** A PuTTY {@code .ppk}. */
  PPK("ppk");

  private final String label;

  CreateFormat(String label) {
    this.label = label;
  }

  /** {@code pem} or {@code ppk}, as the command spells it. */
  public String label() {
    return label;
  }
}
